import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { createAuthService } from './auth/service';
import { authSettingsFromConfig } from './auth/settings';
import { createBackupService } from './backup/service';
import { backupSettingsFromConfig } from './backup/settings';
import { backupHelp, runBackupCommand } from './cli/backup';
import { runDemo } from './cli/demo';
import { runImportCommand } from './cli/import';
import { runUserCommand, UserCommandError } from './cli/user';
import { openDatabase } from './db/client';
import { createLogger } from './logger';
import { startServer } from './server';

const usage = `Usage : relais <commande>

Commandes :
  serve   démarre le serveur de synchronisation et la PWA (par défaut)
  demo    charge un jeu de données de démonstration (chauffeurs, voyages, une semaine de missions)
  user    gère les comptes depuis le serveur : user add <identifiant> --role <rôle> [--email …] [--name …],
          user reset-password <identifiant>, user list
  import  reprend les données de l'ancien outil : import ptt <dossier _data> [--dry-run],
          import csv <chauffeurs|voyages|missions> <fichier.csv> [--dry-run]
  backup  sauvegarde et restaure la base : backup create [--description …], backup list,
          backup restore <NOM>
`;

/** Who runs `relais backup`, as the manifests and the journal name them. */
function cliActor(): string {
  try {
    return `${userInfo().username} (ligne de commande)`;
  } catch {
    return 'ligne de commande';
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      role: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      'dry-run': { type: 'boolean' },
      description: { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help) {
    process.stdout.write(command === 'backup' ? backupHelp(positionals[1]) : usage);
    return;
  }
  const config = loadConfig();
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
    case 'backup': {
      const db = openDatabase(config.RELAIS_DATABASE_PATH);
      try {
        const settings = backupSettingsFromConfig(config);
        // One step: the running server's writes would restart a copy made in small steps.
        const backups = createBackupService({ db, logger, dir: settings.dir, retention: settings.retention, pagesPerStep: 0x7fffffff });
        process.exitCode = await runBackupCommand(backups, positionals.slice(1), { description: values.description, actor: cliActor() }, {
          print: (line) => process.stdout.write(`${line}\n`),
          printError: (line) => process.stderr.write(`${line}\n`),
        });
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
