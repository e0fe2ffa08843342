import { ConfigError, loadConfig } from '../config';

export const configUsage = `Usage : relais config check [--env-file <fichier>]

Vérifie la configuration (.env par défaut, sous les variables d'environnement, qui l'emportent) sans
démarrer : code de sortie 0 et un résumé, ou 2 en nommant la clé fautive.
`;

export interface ConfigCommandOutput {
  print: (line: string) => void;
  printError: (line: string) => void;
}

/** `relais config check`: the configuration the server would start with, or what is wrong with it (exit 2, keys named). */
export function runConfigCommand(args: string[], envFile: string, { print, printError }: ConfigCommandOutput, env: NodeJS.ProcessEnv = process.env): number {
  if (args[0] !== 'check' || args.length > 1) {
    printError(configUsage);
    return 2;
  }
  try {
    const config = loadConfig(env, envFile);
    print(`Configuration valide (${envFile}).`);
    print(`  écoute ${config.RELAIS_HOST}:${config.RELAIS_PORT}${config.RELAIS_TLS_CERT_PATH ? ' en HTTPS' : ''}, base ${config.RELAIS_DATABASE_PATH}, journal ${config.RELAIS_LOG_LEVEL}`);
    print(`  SMTP ${config.RELAIS_SMTP_HOST === undefined ? 'non configuré' : `${config.RELAIS_SMTP_HOST}:${config.RELAIS_SMTP_PORT}`}, double authentification obligatoire pour : ${config.RELAIS_MFA_REQUIRED_ROLES.join(', ') || 'aucun rôle'}`);
    const schedules = Object.entries(config.RELAIS_JOB_SCHEDULES).map(([job, schedule]) => `${job}=${schedule}`);
    print(`  tâches : fuseau ${config.RELAIS_JOBS_TIMEZONE}${schedules.length > 0 ? `, ${schedules.join(' ; ')}` : ', planifications par défaut'}`);
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    printError(error.message);
    printError(`Clé(s) en cause : ${error.keys.join(', ')}`);
    return 2;
  }
}
