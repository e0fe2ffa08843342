import { ApiError } from '../http/errors';
import type { BackupEntry } from '../backup/files';
import type { BackupService } from '../backup/service';

const help = {
  backup: `Usage : relais backup <create|list|restore> [options]

Sauvegarde et restauration de la base du serveur (dossier RELAIS_BACKUP_DIR).
  create [--description <texte>]   sauvegarde la base (le serveur peut tourner)
  list                             liste les sauvegardes, la plus récente d'abord
  restore <NOM>                    restaure la sauvegarde NOM (voir « list »)

relais backup <commande> --help pour le détail d'une commande.
`,
  create: `Usage : relais backup create [--description <texte>]

Copie la base pendant que le serveur continue de servir, vérifie la copie, la compresse et
l'enregistre avec son manifeste (date, taille, somme de contrôle SHA-256, description).
`,
  list: `Usage : relais backup list

Affiche chaque sauvegarde complète : nom, date, taille, origine (manuelle, automatique, sécurité)
et description.
`,
  restore: `Usage : relais backup restore <NOM>

Restaure la sauvegarde NOM (un nom donné par « relais backup list »). Avant de toucher à la base,
vérifie la taille, la somme de contrôle, l'intégrité et la version du schéma de la sauvegarde, puis
prend une sauvegarde de sécurité de la base actuelle. Le remplacement est atomique. Si le serveur
tourne, il le remarque dans la seconde et chaque poste se resynchronise ; ses modifications en
attente sont renvoyées.
`,
};

export type BackupHelpTopic = keyof typeof help;

/** The help of `relais backup` or of one of its commands. */
export function backupHelp(command: string | undefined): string {
  return command !== undefined && command in help ? help[command as BackupHelpTopic] : help.backup;
}

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
          output.printError(`Argument inattendu : ${name}\n\n${help.create}`);
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
          output.printError(`${name === undefined ? 'Nom de la sauvegarde manquant.' : `Argument inattendu : ${extra.join(' ')}`}\n\n${help.restore}`);
          return 2;
        }
        const result = await backups.restore(name, { actor: options.actor });
        output.print(`Base restaurée depuis ${result.restored_from}.`);
        output.print(`Sauvegarde de sécurité de la base remplacée : ${result.safety_backup}`);
        output.print(`${result.restored_documents} document(s) restauré(s), ${result.deleted_documents} document(s) absent(s) de la sauvegarde supprimé(s).`);
        return 0;
      }
      default:
        output.printError(`${command === undefined ? 'Commande manquante.' : `Commande inconnue : backup ${command}`}\n\n${help.backup}`);
        return 2;
    }
  } catch (error) {
    output.printError(error instanceof ApiError ? `Échec : ${error.message}` : `Échec inattendu : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
