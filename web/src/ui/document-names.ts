/**
 * What people call a document: a mission by its route and time ("Lyon → Grenoble, mar. 8 déc. 06:00"),
 * a chauffeur by name, an invoice by number. Used wherever the app speaks of a document it changed
 * (the sync panel, the board's messages, the journal): never an id or a hash.
 */

import { formatterOf } from './format';

/** The words a document's name may need, in the user's language (from the module's messages). */
export interface NameWords {
  /** A document that could not be found, by collection: "une mission", "un chauffeur"… */
  unknown: (collection: string) => string;
  /** An invoice or quote not numbered yet, by its `YYYY-MM-DD` day: "Brouillon du 06/12/2026". */
  draft: (day: string) => string;
}

function dateOf(day: string): Date | undefined {
  const [year, month, date] = day.split('-').map(Number);
  if (year === undefined || month === undefined || date === undefined || Number.isNaN(date)) {
    return undefined;
  }
  return new Date(year, month - 1, date);
}

// The week board labels ~1 400 cells on each render: one formatter per language (`formatterOf`).
const shortDayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "mar. 8 déc." (French) / "Tue, Dec 8" (English): a day as a person reads it in a sentence. */
export function formatDayShort(day: string, language: string): string {
  const date = dateOf(day);
  if (!date) {
    return day;
  }
  return formatterOf(shortDayFormatters, language, () => new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short' })).format(date);
}

/** A `YYYY-MM-DD` day as `dd/mm/yyyy` (French) or the language's short date. */
export function formatDayNumeric(day: string, language: string): string {
  const date = dateOf(day);
  return date ? new Intl.DateTimeFormat(language, { dateStyle: 'short' }).format(date) : day;
}

export interface MissionNaming {
  depart?: string | undefined;
  destination?: string | undefined;
  date_mission?: string | undefined;
  heure_debut?: string | undefined;
}

/** "Lyon → Grenoble, mar. 8 déc. 06:00"; without a departure, "Grenoble, mar. 8 déc. 06:00". */
export function missionName(mission: MissionNaming, language: string): string {
  const route = [mission.depart, mission.destination].filter((part) => part !== undefined && part !== '').join(' → ');
  const when = [mission.date_mission ? formatDayShort(mission.date_mission, language) : undefined, mission.heure_debut]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
  return [route, when].filter((part) => part !== '').join(', ');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

function joined(...parts: unknown[]): string | undefined {
  const words = parts.map(text).filter((part): part is string => part !== undefined);
  return words.length > 0 ? words.join(' ') : undefined;
}

/**
 * The name of a document of a collection from its fields; `undefined` when the fields do not say
 * enough (the caller then uses `words.unknown`).
 */
export function documentName(collection: string, data: Record<string, unknown>, language: string, words: NameWords): string | undefined {
  switch (collection) {
    case 'missions':
      return text(data['destination']) ? missionName(data, language) : undefined;
    case 'chauffeurs':
    case 'contacts':
      return joined(data['prenom'], data['nom']);
    case 'voyages':
      return joined(data['code'], text(data['nom']) ? `(${String(data['nom'])})` : undefined);
    case 'disponibilites': {
      const from = text(data['date_debut']);
      const to = text(data['date_fin']);
      return from && to ? `${formatDayShort(from, language)} → ${formatDayShort(to, language)}` : undefined;
    }
    case 'sst':
      return text(data['nom']);
    case 'revenus_palettes':
      return text(data['destination']);
    case 'entreprises':
      return text(data['raison_sociale']);
    case 'articles':
      return joined(data['reference'], data['designation']);
    case 'devis':
    case 'factures': {
      const day = text(data['date_devis']) ?? text(data['date_facture']) ?? text(data['updated_at'])?.slice(0, 10);
      return text(data['numero']) ?? (day ? words.draft(day) : undefined);
    }
    case 'reglements': {
      const day = text(data['date_reglement']);
      return day ? formatDayNumeric(day, language) : undefined;
    }
    default:
      return undefined;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a document id (never shown to a person). */
export function isDocumentId(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

const isoDayPattern = /^\d{4}-\d{2}-\d{2}$/;
const isoTimestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** An ISO day or timestamp in a value, as a person reads it; anything else as it is. */
export function readableDateValue(value: string, language: string): string {
  if (isoDayPattern.test(value)) {
    return formatDayNumeric(value, language);
  }
  if (isoTimestampPattern.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) {
      return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(date);
    }
  }
  return value;
}
