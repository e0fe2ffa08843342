import type { CollectionName } from '@relais/schema';

/** The collections an import writes, in the order references need them. */
export const importOrder = ['sst', 'chauffeurs', 'disponibilites', 'voyages', 'revenus_palettes', 'missions'] as const satisfies readonly CollectionName[];

export type ImportCollection = (typeof importOrder)[number];

/** An entry left out: where it was and why, in French for the person importing. */
export interface Rejection {
  file: string;
  /** The entry's index in a list (`#3`), its key in an object, or a CSV line (`ligne 4`). */
  entry: string;
  reason: string;
}

export interface CollectionReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Imported, but not exactly as written in the old files (approximations, ignored parts). */
  warnings: Rejection[];
}

/** What happened to each file of the folder. */
export interface FileNote {
  file: string;
  status: 'lu' | 'ignoré' | 'illisible';
  message?: string;
}

export interface ImportReport {
  dryRun: boolean;
  files: FileNote[];
  collections: Record<ImportCollection, CollectionReport>;
}

export function emptyCollectionReport(): CollectionReport {
  return { created: 0, updated: 0, unchanged: 0, rejected: [], warnings: [] };
}

export function emptyReport(dryRun: boolean): ImportReport {
  const collections = Object.fromEntries(importOrder.map((name) => [name, emptyCollectionReport()])) as Record<ImportCollection, CollectionReport>;
  return { dryRun, files: [], collections };
}

const collectionLabels: Record<ImportCollection, string> = {
  sst: 'Sous-traitants (contacts et tarifs)',
  chauffeurs: 'Chauffeurs',
  disponibilites: 'Absences des chauffeurs',
  voyages: 'Voyages',
  revenus_palettes: 'Revenus par palette',
  missions: 'Missions',
};

/** One line per collection, as printed while the import runs. */
export function collectionLine(collection: ImportCollection, report: CollectionReport, dryRun: boolean): string {
  const verb = dryRun ? 'seraient ' : '';
  return (
    `${collectionLabels[collection]} : ${report.created} ${verb}créé(s), ${report.updated} ${verb}mis à jour, ` +
    `${report.unchanged} inchangé(s), ${report.rejected.length} rejeté(s)` +
    (report.warnings.length > 0 ? `, ${report.warnings.length} avertissement(s)` : '')
  );
}

/** The whole report, readable in a terminal. */
export function formatReport(report: ImportReport): string[] {
  const lines: string[] = [];
  lines.push(report.dryRun ? 'Simulation : rien n’a été écrit.' : 'Import terminé.');
  if (report.files.length > 0) {
    lines.push('', 'Fichiers :');
    for (const note of report.files) {
      lines.push(`  ${note.file} : ${note.status}${note.message ? ` — ${note.message}` : ''}`);
    }
  }
  lines.push('', 'Résultat par collection :');
  for (const collection of importOrder) {
    lines.push(`  ${collectionLine(collection, report.collections[collection], report.dryRun)}`);
  }
  for (const collection of importOrder) {
    const { rejected, warnings } = report.collections[collection];
    if (rejected.length > 0) {
      lines.push('', `Rejets — ${collectionLabels[collection]} :`);
      lines.push(...rejected.map((item) => `  ${item.file} ${item.entry} : ${item.reason}`));
    }
    if (warnings.length > 0) {
      lines.push('', `Avertissements — ${collectionLabels[collection]} :`);
      lines.push(...warnings.map((item) => `  ${item.file} ${item.entry} : ${item.reason}`));
    }
  }
  return lines;
}
