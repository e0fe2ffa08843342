import type { CollectionName } from '@relais/schema';
import { emptyReport, type ImportCollection, type ImportReport } from './report';
import { errorMessage, nameKey } from './values';

/** What the mapping needs to know of the database: stored documents and values already taken. */
export interface ImportLookup {
  get(collection: CollectionName, id: string): Record<string, unknown> | undefined;
  /** Live documents by the value of a unique field (`code`): value → id. */
  idsByValue(collection: CollectionName, field: string): Map<string, string>;
}

/** A document the import wants stored, before comparison with the database. */
export interface Candidate {
  id: string;
  /** Fields the old files own: written on every import (an absent value removes the stored one). */
  fields: Record<string, unknown>;
  /** Fields only set on creation (generated codes, flags Relais adds): a later edit in Relais is kept. */
  defaults: Record<string, unknown>;
  file: string;
  entry: string;
}

export type Candidates = Record<ImportCollection, Candidate[]>;

/** The mapping's working state, shared by the per-file mappers. */
export class MapContext {
  readonly report: ImportReport;
  readonly candidates: Candidates;
  /** Ids already chosen, so two entries mapping to one document are caught. */
  private readonly seen = new Map<string, string>();

  constructor(
    readonly lookup: ImportLookup,
    dryRun: boolean,
  ) {
    this.report = emptyReport(dryRun);
    this.candidates = { sst: [], chauffeurs: [], disponibilites: [], voyages: [], revenus_palettes: [], missions: [] };
  }

  reject(collection: ImportCollection, file: string, entry: string, reason: string): void {
    this.report.collections[collection].rejected.push({ file, entry, reason });
  }

  warn(collection: ImportCollection, file: string, entry: string, reason: string): void {
    this.report.collections[collection].warnings.push({ file, entry, reason });
  }

  /** Adds a candidate unless another entry already maps to the same document (reported). */
  add(collection: ImportCollection, candidate: Candidate): boolean {
    const previous = this.seen.get(`${collection}:${candidate.id}`);
    if (previous !== undefined) {
      this.reject(collection, candidate.file, candidate.entry, `doublon de l’entrée ${previous}`);
      return false;
    }
    this.seen.set(`${collection}:${candidate.id}`, candidate.entry);
    this.candidates[collection].push(candidate);
    return true;
  }

  /** Runs one entry's mapping; a thrown error rejects that entry only. */
  attempt<T>(collection: ImportCollection, file: string, entry: string, map: () => T): T | undefined {
    try {
      return map();
    } catch (error) {
      this.reject(collection, file, entry, errorMessage(error));
      return undefined;
    }
  }
}

/** Names the old files use for one another's entries, resolved case- and accent-insensitively. */
export class NameIndex<T> {
  private readonly entries = new Map<string, T | null>();

  /** Registers a name; a name given to two different entries becomes ambiguous (null). */
  set(name: string, value: T): void {
    const key = nameKey(name);
    if (key === '') {
      return;
    }
    const current = this.entries.get(key);
    this.entries.set(key, current === undefined || current === value ? value : null);
  }

  /** The entry, `null` when ambiguous, `undefined` when unknown. */
  get(name: string): T | null | undefined {
    return this.entries.get(nameKey(name));
  }
}
