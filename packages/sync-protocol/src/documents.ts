/** A replicated document as it travels: its fields plus `_deleted`. */
export type WireDocument<T> = T & { _deleted: boolean };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Structural equality of two JSON values, ignoring key order and treating a property set to
 * `undefined` as absent (JSON drops it on the wire anyway).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a).filter((key) => a[key] !== undefined);
    const keysB = Object.keys(b).filter((key) => b[key] !== undefined);
    return keysA.length === keysB.length && keysA.every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

/** Removes properties set to `undefined`, so a document compares and stores as it travels. */
export function withoutUndefined<T extends Record<string, unknown>>(doc: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out as T;
}
