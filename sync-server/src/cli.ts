import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { createAuthService } from './auth/service';
import { authSettingsFromConfig } from './auth/settings';
import { runConfigCommand } from './cli/config';
import { createBackupService } from './backup/service';
import { backupSettingsFromConfig } from './backup/settings';
import { runBackupCommand } from './cli/backup';
import { runDemo } from './cli/demo';
import { planCommand, usageFor } from './cli/help';
import { runImportCommand } from './cli/import';
import { runJobCommand } from './cli/job';
import { runSagesCommand } from './cli/sages';
import { runWmsCommand } from './cli/wms';
import { runWmsMenu } from './cli/wms-menu';
import { createSagesConnector } from './connectors/sages/connector';
import { createWmsService } from './connectors/wms/service';
import { createJobScheduler } from './scheduler/jobs';
import { createSecretBox, resolveSecretKey } from './secrets/secret-box';
import { runUserCommand, UserCommandError } from './cli/user';
import { openDatabase } from './db/client';
import { createLogger } from './logger';
import { startServer } from './server';
import { createRuntimeConfig } from './settings/runtime-config';

/** `parseArgs` refuses an option in English: say it in French, with the usage of the command. */
function parseCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        role: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'env-file': { type: 'string' },
        description: { type: 'string' },
        connection: { type: 'string' },
        confirm: { type: 'string' },
        target: { type: 'string' },
        output: { type: 'string' },
        separator: { type: 'string' },
        format: { type: 'string' },
        pin: { type: 'boolean' },
      },
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const option = /'(-[^ ']*)/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      return `Option inconnue : ${option}`;
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      return `Option ${option} : valeur manquante ou en trop`;
    }
    throw error;
  }
}

/** Who runs `relais backup`, as the manifests and the journal name them. */
function cliActor(): string {
  try {
    return `${userInfo().username} (ligne de commande)`;
  } catch {
    return 'ligne de commande';
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const parsed = parseCommandLine(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n\n${usageFor(args)}\n`);
    process.exitCode = 2;
    return;
  }
  const { positionals, values } = parsed;
  const plan = planCommand(positionals, values.help ?? false);
  if (plan.kind === 'help') {
    process.stdout.write(`${plan.text}\n`);
    return;
  }
  if (plan.kind === 'usage-error') {
    process.stderr.write(`${plan.text}\n`);
    process.exitCode = 2;
    return;
  }
  const output = { print: (line: string) => process.stdout.write(`${line}\n`), printError: (line: string) => process.stderr.write(`${line}\n`) };
  const envFile = values['env-file'] ?? '.env';
  if (plan.command === 'config') {
    // Before loading the configuration: checking it is the point.
    process.exitCode = runConfigCommand(positionals.slice(1), envFile, output);
    return;
  }
  const config = loadConfig(process.env, envFile);
  const logger = createLogger(config.RELAIS_LOG_LEVEL, config.RELAIS_LOG_FILE);
  switch (plan.command) {
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
      const db = openDatabase(config.RELAIS_DATABASE_PATH, { logger });
      try {
        const auth = createAuthService({ db, logger, settings: authSettingsFromConfig(config) });
        await runUserCommand(auth, positionals.slice(1), values, (line) => process.stdout.write(`${line}\n`));
      } catch (error) {
        if (!(error instanceof UserCommandError)) {
          throw error;
        }
        process.stderr.write(`${error.message}\n`);
        process.exitCode = error.exitCode;
      } finally {
        db.$client.close();
      }
      return;
    }
    case 'import': {
      const db = openDatabase(config.RELAIS_DATABASE_PATH, { logger });
      try {
        process.exitCode = await runImportCommand(db, positionals.slice(1), { dryRun: values['dry-run'] ?? false }, {
          print: (line) => process.stdout.write(`${line}\n`),
          printError: (line) => process.stderr.write(`${line}\n`),
        });
      } finally {
        db.$client.close();
      }
      return;
    }
    case 'job': {
      // The run's log goes to the log file only; the terminal shows its progress and summary.
      const jobLogger = createLogger(config.RELAIS_LOG_LEVEL, config.RELAIS_LOG_FILE, { stdout: false });
      const db = openDatabase(config.RELAIS_DATABASE_PATH, { logger: jobLogger });
      try {
        const runtime = createRuntimeConfig({ db, base: config, logger: jobLogger });
        jobLogger.level = runtime.current().RELAIS_LOG_LEVEL;
        const settings = backupSettingsFromConfig(runtime.current());
        // One step: the running server's writes would restart a copy made in small steps.
        const backups = createBackupService({ db, logger: jobLogger, dir: settings.dir, retention: settings.retention, pagesPerStep: 0x7fffffff });
        const secrets = createSecretBox(resolveSecretKey(config.RELAIS_SECRET_KEY, config.RELAIS_DATABASE_PATH));
        const sages = createSagesConnector({ db, logger: jobLogger, secrets });
        const scheduler = createJobScheduler({ db, logger: jobLogger, runtime, backups, sages });
        createWmsService({ db, secrets, scheduler, logger: jobLogger, timezone: () => runtime.current().RELAIS_JOBS_TIMEZONE });
        process.exitCode = await runJobCommand(positionals.slice(1), { db, logger: jobLogger, runtime, backups, scheduler, ...output });
      } finally {
        db.$client.close();
      }
      return;
    }
    case 'wms': {
      const wmsLogger = createLogger(config.RELAIS_LOG_LEVEL, config.RELAIS_LOG_FILE, { stdout: false });
      const db = openDatabase(config.RELAIS_DATABASE_PATH, { logger: wmsLogger });
      try {
        const runtime = createRuntimeConfig({ db, base: config, logger: wmsLogger });
        const scheduler = createJobScheduler({ db, logger: wmsLogger, runtime });
        const secrets = createSecretBox(resolveSecretKey(config.RELAIS_SECRET_KEY, config.RELAIS_DATABASE_PATH));
        const wms = createWmsService({ db, secrets, scheduler, logger: wmsLogger, timezone: () => runtime.current().RELAIS_JOBS_TIMEZONE });
        const options = { ...values, actor: cliActor() };
        const rest = positionals.slice(1);
        process.exitCode = rest.length === 0 ? await runWmsMenu(wms, options, output) : await runWmsCommand(wms, rest, options, output);
        await scheduler.stop();
      } finally {
        db.$client.close();
      }
      return;
    }
    case 'sages': {
      // As for `relais job`: the run's log goes to the log file; the terminal shows progress and summary.
      const jobLogger = createLogger(config.RELAIS_LOG_LEVEL, config.RELAIS_LOG_FILE, { stdout: false });
      const db = openDatabase(config.RELAIS_DATABASE_PATH, { logger: jobLogger });
      try {
        const runtime = createRuntimeConfig({ db, base: config, logger: jobLogger });
        const secrets = createSecretBox(resolveSecretKey(config.RELAIS_SECRET_KEY, config.RELAIS_DATABASE_PATH));
        process.exitCode = await runSagesCommand(positionals.slice(1), { db, logger: jobLogger, runtime, secrets, dryRun: values['dry-run'] ?? false, ...output });
      } finally {
        db.$client.close();
      }
      return;
    }
    case 'backup': {
      const db = openDatabase(config.RELAIS_DATABASE_PATH, { logger });
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
