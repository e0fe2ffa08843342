import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyImport, type ImportTarget, type RunOptions } from './apply';
import { MapContext } from './context';
import { mapChauffeurs, mapDisponibilites } from './map-chauffeurs';
import { mapMissions } from './map-missions';
import { mapSst } from './map-sst';
import { mapRevenus, mapTarifs, mapVoyages } from './map-voyages';
import type { FileNote, ImportReport } from './report';
import { decodeUtf8, errorMessage, ValueError } from './values';

/** The files the importer reads. */
export const pttDataFiles = [
  'sst.json',
  'sst_emails.json',
  'chauffeurs.json',
  'dispo_chauffeurs.json',
  'voyages.json',
  'tarifs_sst.json',
  'revenus_palettes.json',
  'missions.json',
] as const;

/** Files of the old folder Relais keeps elsewhere or not at all (accounts, settings, history). */
const knownButIgnored: Record<string, string> = {
  'users_rights.json': 'les comptes et rôles se créent dans Relais (relais user add)',
  'announcement_config.json': 'réglages des annonces SST non importés',
  'announcement_history.json': 'historique des annonces non importé',
};

/** A folder the import cannot start from; the CLI exits with code 1. */
export class ImportFolderError extends Error {
  override name = 'ImportFolderError';
}

export interface PttFolder {
  /** Parsed content of each readable data file, by file name. */
  contents: Record<string, unknown>;
  notes: FileNote[];
}

/** Reads the `_data` folder: a file that is not valid JSON is noted and left out, never fatal. */
export function readPttFolder(folder: string): PttFolder {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) {
      throw new ImportFolderError(`${folder} n’est pas un dossier`);
    }
    names = readdirSync(folder).sort();
  } catch (error) {
    if (error instanceof ImportFolderError) {
      throw error;
    }
    throw new ImportFolderError(`Dossier illisible ${folder} : ${errorMessage(error)}`);
  }
  const parsed: Record<string, unknown> = {};
  for (const name of names) {
    const path = join(folder, name);
    try {
      if (statSync(path).isFile()) {
        parsed[name] = name.endsWith('.json') ? parseJsonText(decodeUtf8(readFileSync(path))) : notJson;
      }
    } catch (error) {
      parsed[name] = new Error(error instanceof ValueError ? error.message : `lecture impossible (${errorMessage(error)})`);
    }
  }
  const folderContent = describePttContents(parsed);
  if (!pttDataFiles.some((name) => name in folderContent.contents)) {
    throw new ImportFolderError(`Aucun fichier de données lisible dans ${folder} (attendus : ${pttDataFiles.join(', ')})`);
  }
  return folderContent;
}

/** Marks a file that is not JSON (a backup, a note left in the folder). */
const notJson = Symbol('not JSON');

/** The parsed content, or an `Error` saying why the text is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    return new Error(`JSON invalide (${errorMessage(error)})`);
  }
}

/** Sorts parsed contents into data files, ignored files and unreadable ones (given as `Error`). */
export function describePttContents(parsed: Record<string, unknown>): PttFolder {
  const contents: Record<string, unknown> = {};
  const notes: FileNote[] = [];
  const dataFiles: readonly string[] = pttDataFiles;
  for (const [name, content] of Object.entries(parsed)) {
    const isData = dataFiles.includes(name);
    if (content === notJson) {
      notes.push({ file: name, status: 'ignoré', message: 'pas un fichier JSON' });
    } else if (content instanceof Error) {
      notes.push({ file: name, status: 'illisible', message: isData ? `${content.message} : fichier ignoré` : content.message });
    } else if (isData) {
      contents[name] = content;
      notes.push({ file: name, status: 'lu' });
    } else {
      notes.push({ file: name, status: 'ignoré', message: knownButIgnored[name] ?? 'fichier inconnu de l’import' });
    }
  }
  return { contents, notes };
}

/**
 * Maps a PTT folder to Relais documents, resolving names in the order references need them
 * (subcontractors, chauffeurs, voyages, tariffs, revenue brackets, missions), then compares them
 * with the database and writes them unless `dryRun`.
 */
export async function importPtt(target: ImportTarget, folder: PttFolder, options: RunOptions & { dryRun: boolean }): Promise<ImportReport> {
  const context = new MapContext(target, options.dryRun);
  context.report.files.push(...folder.notes);
  const { contents } = folder;
  const ssts = mapSst(context, contents);
  const chauffeurs = mapChauffeurs(context, contents['chauffeurs.json'], ssts);
  mapDisponibilites(context, contents['dispo_chauffeurs.json'], chauffeurs);
  const voyages = mapVoyages(context, contents['voyages.json']);
  mapTarifs(context, contents['tarifs_sst.json'], ssts, voyages);
  mapRevenus(context, contents['revenus_palettes.json'], voyages);
  mapMissions(context, contents['missions.json'], { ssts, chauffeurs, voyages });
  return applyImport(target, context, options);
}
