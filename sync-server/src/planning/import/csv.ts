import { collections, type JsonSchemaProperty } from '@relais/schema';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { applyImport, type ImportTarget, type RunOptions } from './apply';
import { CodeAllocator, codeFromText } from './codes';
import { MapContext } from './context';
import { ImportFolderError } from './ptt';
import type { ImportReport } from './report';
import {
  importId,
  nameKey,
  optionalBoolean,
  optionalCents,
  optionalInteger,
  optionalNumber,
  optionalText,
  ValueError,
  errorMessage,
} from './values';

export const csvCollections = ['chauffeurs', 'voyages', 'missions'] as const;
export type CsvCollection = (typeof csvCollections)[number];

export function isCsvCollection(name: string): name is CsvCollection {
  return (csvCollections as readonly string[]).includes(name);
}

/** Money columns are written in euros in a spreadsheet, stored in cents. */
const moneyFields = new Set(['revenu', 'cout_sst']);

/** Reference columns may hold the id, or what people write: a code or a name. */
const references: Record<string, { collection: 'voyages' | 'chauffeurs' | 'sst'; fields: string[] }> = {
  voyage_id: { collection: 'voyages', fields: ['code'] },
  chauffeur_id: { collection: 'chauffeurs', fields: ['code'] },
  chauffeur_habituel_id: { collection: 'chauffeurs', fields: ['code'] },
  sst_id: { collection: 'sst', fields: ['code', 'nom'] },
};

const defaultsByCollection: Record<CsvCollection, Record<string, unknown>> = {
  chauffeurs: { adr: false, fimo: false, competences: [], is_active: true },
  voyages: { jours_operation: [], is_active: true },
  missions: { heure_debut: '00:00', statut: 'planifie', type_mission: 'livraison' },
};

const uuid = z.uuid();

/** The separator of the header line: whichever of `;` and `,` it uses more (French Excel writes `;`). */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (separator: string): number => header.split(separator).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}

/** A cell's text, for building codes and keys from fields already converted. */
function cellText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function convert(property: JsonSchemaProperty | undefined, field: string, cell: string | undefined): unknown {
  if (moneyFields.has(field)) {
    return optionalCents(cell, field);
  }
  const allowed = property?.enum;
  if (allowed && cell !== undefined) {
    // Spreadsheets keep the old tool's capitals (LIVRAISON); the values themselves are not guessed.
    return allowed.find((value) => nameKey(value) === nameKey(cell)) ?? cell;
  }
  switch (property?.type) {
    case 'integer':
      return optionalInteger(cell, field);
    case 'number':
      return optionalNumber(cell, field);
    case 'boolean':
      return optionalBoolean(cell, field);
    case 'array':
      return cell === undefined ? undefined : cell.split(/[|,]/).map((item) => item.trim()).filter((item) => item !== '');
    case 'object':
      throw new ValueError(`${field} : non importable en CSV`);
    case 'string':
    case undefined:
      return optionalText(cell, field);
  }
}

/**
 * Imports a CSV file of one collection: a header row of the collection's field names, `;` or `,`
 * separated, UTF-8 with or without BOM. Columns absent from the file leave stored values alone.
 */
export async function importCsv(target: ImportTarget, collection: CsvCollection, text: string, options: RunOptions & { dryRun: boolean; file: string }): Promise<ImportReport> {
  const context = new MapContext(target, options.dryRun);
  const { file } = options;
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) {
          context.reject(collection, file, `ligne ${String(error.lines)}`, `ligne CSV illisible (${error.message})`);
        }
      },
    });
  } catch (error) {
    throw new ImportFolderError(`Fichier CSV illisible ${file} : ${errorMessage(error)}`);
  }
  const [header, ...rows] = records;
  const properties = collections[collection].jsonSchema.properties;
  const columns = (header ?? []).map((name) => name.trim());
  if (!columns.some((name) => name in properties)) {
    throw new ImportFolderError(`${file} : la première ligne doit nommer les champs de ${collection} (${Object.keys(properties).join(', ')})`);
  }
  for (const name of columns) {
    if (!(name in properties) || name === 'rev' || name === 'updated_at') {
      context.warn(collection, file, 'en-tête', `colonne « ${name} » ignorée`);
    }
  }
  const lookups = new Map<string, Map<string, string>>();
  const resolve = (field: string, value: string): string => {
    const reference = references[field];
    if (!reference || uuid.safeParse(value).success) {
      return value;
    }
    for (const by of reference.fields) {
      const key = `${reference.collection}.${by}`;
      let map = lookups.get(key);
      if (!map) {
        map = new Map([...target.idsByValue(reference.collection, by)].map(([name, id]) => [nameKey(name), id]));
        lookups.set(key, map);
      }
      const id = map.get(nameKey(value));
      if (id !== undefined) {
        return id;
      }
    }
    throw new ValueError(`${field} : « ${value} » introuvable dans ${reference.collection}`);
  };
  // Only chauffeurs get generated codes; missions have no code at all.
  const codes = collection === 'chauffeurs' ? new CodeAllocator(target, 'chauffeurs') : undefined;
  const byCode = collection === 'missions' ? new Map<string, string>() : target.idsByValue(collection, 'code');
  rows.forEach((cells, position) => {
    const entry = `ligne ${position + 2}`;
    context.attempt(collection, file, entry, () => {
      const fields: Record<string, unknown> = {};
      columns.forEach((name, column) => {
        if (name in properties && name !== 'rev' && name !== 'updated_at' && name !== 'id') {
          const cell = cells[column] === '' ? undefined : cells[column];
          const value = convert(properties[name], name, cell);
          fields[name] = typeof value === 'string' && name in references ? resolve(name, value) : value;
        }
      });
      const givenId = optionalText(cells[columns.indexOf('id')], 'id');
      if (givenId !== undefined && !uuid.safeParse(givenId).success) {
        throw new ValueError(`id : identifiant Relais (UUID) attendu, reçu « ${givenId} » ; laissez la colonne vide pour un nouveau document`);
      }
      const id = candidateId(collection, fields, givenId, byCode);
      const defaults: Record<string, unknown> = { ...defaultsByCollection[collection] };
      if (codes) {
        if (typeof fields['code'] === 'string') {
          codes.reserve(fields['code'], id);
        } else {
          const stored = target.get('chauffeurs', id);
          defaults['code'] = typeof stored?.['code'] === 'string' ? stored['code'] : codes.allocate(codeFromText(`${cellText(fields['prenom']).slice(0, 1)}${cellText(fields['nom']).slice(0, 1)}`) || 'CH', id, 20, true);
        }
      }
      if (collection === 'voyages' && typeof fields['code'] === 'string') {
        defaults['nom'] = fields['code'];
      }
      if (collection === 'missions' && fields['destination'] === undefined && typeof fields['voyage_id'] === 'string') {
        const voyage = target.get('voyages', fields['voyage_id']);
        defaults['destination'] = voyage?.['destination'] ?? voyage?.['code'];
      }
      context.add(collection, { id, fields, defaults, file, entry });
    });
  });
  return applyImport(target, context, options);
}

/** The row's id: given, else that of the stored document with the same code, else derived from its key. */
function candidateId(collection: CsvCollection, fields: Record<string, unknown>, givenId: string | undefined, byCode: Map<string, string>): string {
  if (givenId !== undefined) {
    return givenId;
  }
  const code = fields['code'];
  if (typeof code === 'string' && code !== '') {
    return byCode.get(code) ?? importId(collection === 'voyages' ? 'voyage' : 'csv-chauffeur', nameKey(code));
  }
  if (collection === 'chauffeurs') {
    return importId('csv-chauffeur', nameKey(`${cellText(fields['nom'])} ${cellText(fields['prenom'])}`));
  }
  if (collection === 'voyages') {
    throw new ValueError('code manquant');
  }
  const key = ['date_mission', 'heure_debut', 'voyage_id', 'chauffeur_id', 'sst_id', 'numero'].map((name) => cellText(fields[name])).join('|');
  return importId('csv-mission', key);
}
