import { createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../http/errors';
import type { WmsService } from '../connectors/wms/service';

export const wmsActions = ['list', 'backup', 'restore', 'export', 'test', 'fingerprint', 'import-config'] as const;

export const wmsUsage = `Usage : relais wms [<action>] [options]

Sans action : menu interactif (sauvegarder, lister et restaurer, exporter en CSV, tester la connexion).

  relais wms list                                      les connexions WMS et leurs derniers points de restauration
  relais wms backup [--connection <nom>]               sauvegarde vérifiée maintenant
  relais wms restore <fichier> --confirm <base> [--connection <nom>] [--target <base>]
                                                       restaure (sauvegarde de sécurité d'abord) ; --confirm : le nom de la base cible
  relais wms export <table> [--connection <nom>] [--output <fichier.csv>] [--separator ,] [--format iso]
  relais wms test [--connection <nom>]                 DNS, TCP, clé d'hôte, authentification SSH, SFTP, base
  relais wms fingerprint [--connection <nom>] [--pin]  affiche l'empreinte de la clé d'hôte ; --pin l'épingle
  relais wms import-config <Configuration.json> [--name <nom>]
                                                       reprend le fichier de l'ancien « WMS Manager »

--connection est facultatif quand il n'existe qu'une connexion.
Codes de sortie : 0 réussi, 1 échec, 2 commande incorrecte, 4 déjà en cours.
`;

export const wmsExitCodes = { ok: 0, failed: 1, usage: 2, alreadyRunning: 4 } as const;

export interface WmsCommandOptions {
  connection?: string | undefined;
  confirm?: string | undefined;
  target?: string | undefined;
  output?: string | undefined;
  separator?: string | undefined;
  format?: string | undefined;
  name?: string | undefined;
  pin?: boolean | undefined;
  actor: string;
}

export interface WmsCommandIo {
  print: (line: string) => void;
  printError: (line: string) => void;
}

/** The connection a command is about: named, or the only one. */
export function pickConnection(wms: WmsService, name: string | undefined): number {
  if (name !== undefined) {
    return wms.connections.idByName(name);
  }
  const all = wms.list();
  if (all.length === 1 && all[0]) {
    return all[0].id;
  }
  throw new ApiError('BAD_REQUEST', all.length === 0 ? 'Aucune connexion WMS : créez-en une (relais wms import-config, ou la console d’administration).' : 'Plusieurs connexions WMS : précisez --connection <nom>.');
}

interface OldConfiguration {
  ssh?: { host?: string; user?: string; pass?: string; port?: number };
  db?: { user?: string; pass?: string; name?: string; host?: string; port?: number };
  paths?: { local_backup_dir?: string };
}

/** The old tool's `Configuration.json` as a connection (secrets sealed on the way in). */
export function connectionFromOldConfig(path: string, name: string | undefined) {
  const old = JSON.parse(readFileSync(path, 'utf8')) as OldConfiguration;
  return {
    name: name ?? `WMS ${old.ssh?.host ?? ''}`.trim(),
    ssh_host: old.ssh?.host ?? '',
    ssh_port: old.ssh?.port ?? 22,
    ssh_user: old.ssh?.user ?? '',
    ssh_auth: 'password' as const,
    ssh_secret: old.ssh?.pass,
    db_host: old.db?.host ?? '127.0.0.1',
    db_port: old.db?.port ?? 3306,
    db_user: old.db?.user ?? '',
    db_password: old.db?.pass,
    db_name: old.db?.name ?? 'ntl_wms',
    backup_dir: resolve(old.paths?.local_backup_dir ?? './backups'),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `relais wms <action>`: answers the exit code. */
export async function runWmsCommand(wms: WmsService, args: string[], options: WmsCommandOptions, { print, printError }: WmsCommandIo): Promise<number> {
  const [action, argument] = args;
  try {
    switch (action) {
      case 'import-config': {
        if (!argument) {
          printError(`Fichier Configuration.json manquant.\n\n${wmsUsage}`);
          return wmsExitCodes.usage;
        }
        const view = wms.create(connectionFromOldConfig(argument, options.name));
        print(`Connexion « ${view.name} » créée (mots de passe chiffrés, jamais affichés).`);
        print(`Étape suivante : vérifiez puis épinglez la clé d'hôte SSH : relais wms fingerprint --connection "${view.name}" --pin`);
        print("Vous pourrez ensuite supprimer l'ancien Configuration.json, qui contient les mots de passe en clair.");
        return wmsExitCodes.ok;
      }
      case 'list': {
        for (const view of wms.list()) {
          const [last] = wms.restorePoints(view.id);
          print(`${view.name}\t${view.ssh_user}@${view.ssh_host}:${view.ssh_port}\t${view.db_name}\tdernière sauvegarde : ${last ? last.manifest.file : 'aucune'}`);
        }
        return wmsExitCodes.ok;
      }
      case 'fingerprint': {
        const id = pickConnection(wms, options.connection);
        const fingerprint = await wms.fingerprint(id);
        print(`Empreinte de la clé d'hôte : ${fingerprint}`);
        if (options.pin) {
          wms.pin(id, fingerprint);
          print('Empreinte épinglée : toute autre clé sera refusée.');
        } else {
          print("Comparez-la avec celle du serveur (ssh-keygen -l -E sha256 -f /etc/ssh/ssh_host_ed25519_key.pub), puis relancez avec --pin.");
        }
        return wmsExitCodes.ok;
      }
      case 'test': {
        const report = await wms.test(pickConnection(wms, options.connection));
        for (const step of report.steps) {
          print(`${step.ok ? 'OK   ' : 'ÉCHEC'} ${step.step}\t${step.message}`);
        }
        return report.ok ? wmsExitCodes.ok : wmsExitCodes.failed;
      }
      case 'backup': {
        const run = await wms.backupNow(pickConnection(wms, options.connection), options.actor, 'cli').finished;
        if (run.status !== 'succeeded') {
          printError(`Sauvegarde en échec : ${run.error ?? run.status}`);
          return wmsExitCodes.failed;
        }
        print(`Sauvegarde vérifiée : ${JSON.stringify(run.result)}`);
        return wmsExitCodes.ok;
      }
      case 'restore': {
        if (!argument || options.confirm === undefined) {
          printError(`Fichier ou --confirm <base> manquant.\n\n${wmsUsage}`);
          return wmsExitCodes.usage;
        }
        const report = await wms.restore(pickConnection(wms, options.connection), argument, { confirm: options.confirm, ...(options.target ? { target: options.target } : {}), actor: options.actor });
        print(`Restauration de ${report.file} dans ${report.target} : ${report.ok ? 'réussie' : 'nombres de lignes différents'}`);
        print(`Sauvegarde de sécurité : ${report.safety_backup ?? 'aucune (base vide ou nouvelle)'}`);
        for (const table of report.tables) {
          print(`  ${table.name}\t${table.actual ?? 'absente'} lignes (attendu ${table.expected})`);
        }
        return report.ok ? wmsExitCodes.ok : wmsExitCodes.failed;
      }
      case 'export': {
        if (!argument) {
          printError(`Table manquante.\n\n${wmsUsage}`);
          return wmsExitCodes.usage;
        }
        const separator = options.separator === ',' ? ',' : ';';
        const format = options.format === 'iso' ? 'iso' : 'fr';
        const running = await wms.download(pickConnection(wms, options.connection), { table: argument, separator, format });
        const output = options.output ?? `${argument}.csv`;
        await pipeline(running.csv, createWriteStream(output));
        const { rows } = await running.done;
        print(`${rows} lignes exportées dans ${output}`);
        return wmsExitCodes.ok;
      }
      case undefined:
      default:
        printError(wmsUsage);
        return wmsExitCodes.usage;
    }
  } catch (error) {
    printError(describe(error));
    return error instanceof ApiError && error.code === 'ALREADY_RUNNING' ? wmsExitCodes.alreadyRunning : wmsExitCodes.failed;
  }
}
