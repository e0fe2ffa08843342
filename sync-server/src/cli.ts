import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { createAuthService } from './auth/service';
import { authSettingsFromConfig } from './auth/settings';
import { configUsage, runConfigCommand } from './cli/config';
import { runDemo } from './cli/demo';
import { runImportCommand } from './cli/import';
import { jobUsage, runJobCommand } from './cli/job';
import { runUserCommand, UserCommandError } from './cli/user';
import { openDatabase } from './db/client';
import { createLogger } from './logger';
import { startServer } from './server';
import { createRuntimeConfig } from './settings/runtime-config';

const usage = `Usage : relais <commande>

Commandes :
  serve   démarre le serveur de synchronisation et la PWA (par défaut)
  demo    charge un jeu de données de démonstration (chauffeurs, voyages, une semaine de missions)
  user    gère les comptes depuis le serveur : user add <identifiant> --role <rôle> [--email …] [--name …],
          user reset-password <identifiant>, user list
  import  reprend les données de l'ancien outil : import ptt <dossier _data> [--dry-run],
          import csv <chauffeurs|voyages|missions> <fichier.csv> [--dry-run]
  job     tâches planifiées : job list, job run <tâche> (relais job --help)
  config  config check [--env-file <fichier>] : vérifie la configuration sans démarrer (relais config --help)
`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      role: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'env-file': { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'serve';
  const output = { print: (line: string) => process.stdout.write(`${line}\n`), printError: (line: string) => process.stderr.write(`${line}\n`) };
  if (values.help) {
    process.stdout.write(command === 'job' ? jobUsage : command === 'config' ? configUsage : usage);
    return;
  }
  if (command === 'config') {
    // Before loading the configuration: checking it is the point.
    process.exitCode = runConfigCommand(positionals.slice(1), values['env-file'] ?? '.env', output);
    return;
  }
  const config = loadConfig(process.env, values['env-file'] ?? '.env');
  const logger = createLogger(config.RELAIS_LOG_LEVEL, config.RELAIS_LOG_FILE);
  switch (command) {
    case 'serve': {
      const running = await startServer(config, logger);
      const stop = (signal: string): void => {
        logger.info({ signal }, 'arrêt demandé');
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'demo': {
      await runDemo(config, logger);
      return;
    }
    case 'user': {
      const db = openDatabase(config.RELAIS_DATABASE_PATH);
      try {
        const auth = createAuthService({ db, logger, settings: authSettingsFromConfig(config) });
        await runUserCommand(auth, positionals.slice(1), values, (line) => process.stdout.write(`${line}\n`));
      } catch (error) {
        if (!(error instanceof UserCommandError)) {
          throw error;
        }
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 2;
      } finally {
        db.$client.close();
      }
      return;
    }
    case 'import': {
      const db = openDatabase(config.RELAIS_DATABASE_PATH);
      try {
        process.exitCode = runImportCommand(db, positionals.slice(1), { dryRun: values['dry-run'] ?? false }, {
          print: (line) => process.stdout.write(`${line}\n`),
          printError: (line) => process.stderr.write(`${line}\n`),
        });
      } finally {
        db.$client.close();
      }
      return;
    }
    case 'job': {
      const db = openDatabase(config.RELAIS_DATABASE_PATH);
      try {
        // The run's log goes to the log file; the terminal shows its progress and summary.
        const jobLogger = createLogger(config.RELAIS_LOG_LEVEL, config.RELAIS_LOG_FILE, { stdout: false });
        const runtime = createRuntimeConfig({ db, base: config, logger: jobLogger });
        jobLogger.level = runtime.current().RELAIS_LOG_LEVEL;
        process.exitCode = await runJobCommand(positionals.slice(1), { db, logger: jobLogger, runtime, ...output });
      } finally {
        db.$client.close();
      }
      return;
    }
    default:
      process.stderr.write(`Commande inconnue : ${command}\n\n${usage}`);
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Erreur fatale : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
