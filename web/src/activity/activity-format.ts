/** The words a rendered value may need, in the user's language. */
export interface ValueWords {
  empty: string;
  yes: string;
  no: string;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A server timestamp as local `dd/mm/yyyy HH:mm`; what cannot be read is shown as it is. */
export function formatWhen(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) {
    return timestamp;
  }
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A document id short enough for a table cell: a UUID's first 8 digits; anything else (a username) whole. */
export function shortId(id: string): string {
  return uuidPattern.test(id) ? id.slice(0, 8) : id;
}

/** One value of a diff or of an event's details, as a person reads it. */
export function formatValue(value: unknown, words: ValueWords): string {
  if (value === null || value === undefined || value === '') {
    return words.empty;
  }
  if (typeof value === 'boolean') {
    return value ? words.yes : words.no;
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? words.empty : value.map((item) => formatValue(item, words)).join(', ');
  }
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChange(value: unknown): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2;
}

/** How the journal writes a field's name and its values for a person (see `useReadableValue`). */
export interface DetailRender {
  label: (field: string) => string;
  value: (field: string, value: unknown) => string;
}

/** Why a write was refused, or why a conflict was forced: what the server said, in its words. */
function reasonLines(details: Record<string, unknown>, render: DetailRender): string[] | undefined {
  if (typeof details['message'] === 'string' && typeof details['code'] === 'string') {
    return [details['message']];
  }
  if (typeof details['motif'] === 'string' && Array.isArray(details['conflits'])) {
    const conflicts = (details['conflits'] as unknown[])
      .map((found) => (isRecord(found) && typeof found['message'] === 'string' ? found['message'] : undefined))
      .filter((message): message is string => message !== undefined);
    return [`${render.label('force_motif')} : ${details['motif']}`, ...conflicts];
  }
  return undefined;
}

/**
 * The details of an entry as lines. A document's details are the compact diff of an update,
 * `{ field: [before, after] }`, shown `field : before → after`; an identity event's are plain
 * facts (`reason`, `changed`…), shown `key : value`.
 */
export function detailLines(collection: string, details: unknown, words: ValueWords, render?: DetailRender): string[] {
  if (details === null || details === undefined) {
    return [];
  }
  if (!isRecord(details)) {
    return [formatValue(details, words)];
  }
  const isDiff = collection !== 'auth';
  if (isDiff && render) {
    return (
      reasonLines(details, render) ??
      Object.entries(details).map(([field, value]) =>
        isChange(value)
          ? `${render.label(field)} : ${render.value(field, value[0])} → ${render.value(field, value[1])}`
          : `${render.label(field)} : ${render.value(field, value)}`,
      )
    );
  }
  return Object.entries(details).map(([field, value]) =>
    isDiff && isChange(value)
      ? `${field} : ${formatValue(value[0], words)} → ${formatValue(value[1], words)}`
      : `${field} : ${formatValue(value, words)}`,
  );
}
