import { configUsage } from './config';
import { backupActions, backupUsage } from './backup';
import { importUsage } from './import';
import { jobUsage } from './job';
import { sagesActions, sagesUsage } from './sages';
import { userActions, userUsage } from './user';
import { wmsActions, wmsUsage } from './wms';

interface CommandHelp {
  /** One line for the general usage. */
  summary: string;
  /** What `relais <commande> --help` prints. */
  usage: string;
  /** Its subcommands; `undefined` when it takes none. */
  actions?: readonly string[];
}

const configLine = `Configuration : .env du dossier courant, puis les variables RELAIS_* de l'environnement, qui l'emportent (voir .env.example).`;

export const commands = {
  serve: {
    summary: 'démarre le serveur de synchronisation et la PWA (commande par défaut)',
    usage: `Usage : relais serve

Démarre le serveur de synchronisation et la PWA ; arrêt propre par Ctrl+C ou SIGTERM.
${configLine}`,
  },
  demo: {
    summary: 'charge un jeu de démonstration (chauffeurs, voyages, missions, facturation)',
    usage: `Usage : relais demo

Charge le jeu de démonstration (chauffeurs, voyages, une semaine de missions, facturation) par le
chemin d'écriture du serveur, serveur lancé ou non ; relancer ne duplique rien.
${configLine}`,
  },
  user: {
    summary: 'gère les comptes depuis le serveur (add, reset-password, set-role, unlock, list)',
    usage: userUsage,
    actions: userActions,
  },
  import: {
    summary: "reprend les données de l'ancien outil (ptt, csv)",
    usage: `${importUsage}

--dry-run : rapporte ce qui serait créé, modifié ou rejeté, sans rien écrire.`,
    actions: ['ptt', 'csv'],
  },
  job: {
    summary: 'tâches planifiées : les lister, en exécuter une tout de suite (list, run)',
    usage: jobUsage.trimEnd(),
    actions: ['list', 'run'],
  },
  config: {
    summary: 'vérifie la configuration sans démarrer (check)',
    usage: configUsage.trimEnd(),
    actions: ['check'],
  },
  backup: {
    summary: 'sauvegarde et restaure la base (create, list, restore)',
    usage: backupUsage,
    actions: backupActions,
  },
  wms: {
    summary: 'connecteur WMS : menu, ou list, backup, restore, export, test, fingerprint, import-config',
    usage: wmsUsage.trimEnd(),
    actions: wmsActions,
  },
  sages: {
    summary: 'connecteur SAGES : Batigest (SQL Server) ↔ BatiSimply, une tâche ou son essai à blanc, test des connexions',
    usage: sagesUsage,
    actions: sagesActions,
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof commands;

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

export function generalUsage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, help]) => `  ${name.padEnd(width)}  ${help.summary}`);
  return `Usage : relais <commande> [--help]

Commandes :
${lines.join('\n')}

« relais <commande> --help » décrit chaque commande.`;
}

/** What to do with a command line, decided before anything (configuration, database) is opened. */
export type CliPlan =
  | { kind: 'run'; command: CommandName }
  | { kind: 'help'; text: string }
  | { kind: 'usage-error'; text: string };

/**
 * `relais` alone serves; `--help` prints the usage of the command it follows (exit 0); an unknown
 * command or subcommand is a usage error (stderr, exit 2).
 */
export function planCommand(positionals: readonly string[], help: boolean): CliPlan {
  const [name = 'serve', action] = positionals;
  if (!isCommand(name)) {
    return { kind: 'usage-error', text: `Commande inconnue : ${name}\n\n${generalUsage()}` };
  }
  const command: CommandHelp = commands[name];
  if (help) {
    return { kind: 'help', text: positionals.length === 0 ? generalUsage() : command.usage };
  }
  if (action !== undefined && !(command.actions ?? []).includes(action)) {
    const problem = command.actions === undefined ? `relais ${name} ne prend pas d'argument (« ${action} »)` : `Sous-commande inconnue : relais ${name} ${action}`;
    return { kind: 'usage-error', text: `${problem}\n\n${command.usage}` };
  }
  return { kind: 'run', command: name };
}

/** The usage to show after a command line that could not be parsed: its command's, else the general one. */
export function usageFor(args: readonly string[]): string {
  const name = args.find((arg) => !arg.startsWith('-'));
  return name !== undefined && isCommand(name) ? commands[name].usage : generalUsage();
}
