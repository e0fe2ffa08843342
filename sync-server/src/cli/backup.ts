import { ApiError } from '../http/errors';
import type { BackupEntry } from '../backup/files';
import type { BackupService } from '../backup/service';

export const backupActions = ['create', 'list', 'restore'] as const;

export const backupUsage = `Usage : relais backup <${backupActions.join('|')}> …
  relais backup create [--description <texte>]
      copie la base pendant que le serveur continue de servir (il peut tourner), vérifie la copie,
      la compresse et l'enregistre avec son manifeste (date, taille, SHA-256, description) dans
      RELAIS_BACKUP_DIR
  relais backup list
      chaque sauvegarde complète, la plus récente d'abord : nom, date, taille, origine (manuelle,
      automatique, sécurité), description
  relais backup restore <NOM>
      restaure la sauvegarde NOM (un nom donné par « list ») : vérifie d'abord sa taille, sa somme
      de contrôle, son intégrité et la version de son schéma, prend une sauvegarde de sécurité de
      la base actuelle, puis remplace la base d'un coup. Si le serveur tourne, il le remarque dans
      la seconde ; chaque poste se resynchronise et renvoie ses modifications en attente.`;

export interface BackupCommandOutput {
  print(line: string): void;
  printError(line: string): void;
}

const triggerLabels = { manual: 'manuelle', schedule: 'automatique', safety: 'sécurité' } as const;

function megabytes(bytes: number): string {
  return bytes < 1_000_000
    ? `${Math.max(1, Math.round(bytes / 1000)).toLocaleString('fr-FR')} ko`
    : `${(bytes / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString('fr-FR');
}

function line({ manifest }: BackupEntry): string {
  return [manifest.filename, when(manifest.created_at), megabytes(manifest.size_bytes), triggerLabels[manifest.trigger], manifest.description].join('\t');
}

/**
 * `relais backup`: the same service as the server's routes, on the database file (the server may
 * be running). Returns the exit code: 0 done, 1 refused or failed (with the reason in French),
 * 2 usage error.
 */
export async function runBackupCommand(
  backups: BackupService,
  args: string[],
  options: { description?: string | undefined; actor: string },
  output: BackupCommandOutput,
): Promise<number> {
  const [command, name, ...extra] = args;
  try {
    switch (command ?? '') {
      case 'create': {
        if (name !== undefined) {
          output.printError(`Argument inattendu : ${name}\n\n${backupUsage}`);
          return 2;
        }
        const entry = await backups.create({ description: options.description ?? '', trigger: 'manual', actor: options.actor });
        output.print(`Sauvegarde créée : ${entry.manifest.filename} (${megabytes(entry.manifest.size_bytes)}) dans ${backups.dir}`);
        return 0;
      }
      case 'list': {
        const entries = await backups.list();
        if (entries.length === 0) {
          output.print(`Aucune sauvegarde dans ${backups.dir}.`);
        }
        for (const entry of entries) {
          output.print(line(entry));
        }
        return 0;
      }
      case 'restore': {
        if (name === undefined || extra.length > 0) {
          output.printError(`${name === undefined ? 'Nom de la sauvegarde manquant.' : `Argument inattendu : ${extra.join(' ')}`}\n\n${backupUsage}`);
          return 2;
        }
        const result = await backups.restore(name, { actor: options.actor });
        output.print(`Base restaurée depuis ${result.restored_from}.`);
        output.print(`Sauvegarde de sécurité de la base remplacée : ${result.safety_backup}`);
        output.print(`${result.restored_documents} document(s) restauré(s), ${result.deleted_documents} document(s) absent(s) de la sauvegarde supprimé(s).`);
        return 0;
      }
      default:
        output.printError(`${command === undefined ? 'Sous-commande manquante : create, list ou restore.' : `Sous-commande inconnue : relais backup ${command}`}\n\n${backupUsage}`);
        return 2;
    }
  } catch (error) {
    output.printError(error instanceof ApiError ? `Échec : ${error.message}` : `Échec inattendu : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
