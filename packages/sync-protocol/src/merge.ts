import { sameValue } from './documents';

/** Fields the merge never treats as user content. */
const bookkeepingFields = new Set(['id', 'rev', 'updated_at', '_deleted']);

export interface ReplacedField {
  field: string;
  /** What this client had written. */
  mine: unknown;
  /** What the server kept. */
  theirs: unknown;
}

export interface MergeInput<T extends Record<string, unknown>> {
  /** The server state the client based its edit on (absent when the client created the document). */
  base: T | undefined;
  /** The state the server holds now. */
  server: T;
  /** The client's edited state. */
  local: T;
}

export interface MergeResult<T extends Record<string, unknown>> {
  merged: T;
  /** Fields both sides changed differently; the server's value was kept. */
  replaced: ReplacedField[];
  /** The server refused the client's write (a right it lacks): the client takes the server's state. */
  refused: boolean;
}

/** Every user field where the client's state differs from the server's. */
function differences(server: Record<string, unknown>, local: Record<string, unknown>): ReplacedField[] {
  const fields = new Set([...Object.keys(server), ...Object.keys(local)]);
  return [...fields]
    .filter((field) => (field === '_deleted' || !bookkeepingFields.has(field)) && !sameValue(server[field], local[field]))
    .map((field) => ({ field, mine: local[field], theirs: server[field] }));
}

/**
 * A conflict whose server state is the very state the client started from (or, for a creation,
 * the client's document as a tombstone) means the server changed nothing and refused the write.
 */
function isRefusal(base: Record<string, unknown> | undefined, server: Record<string, unknown>, local: Record<string, unknown>): boolean {
  if (base !== undefined) {
    return sameValue(server, base);
  }
  return server['_deleted'] === true && local['_deleted'] !== true && sameValue({ ...server, _deleted: false }, { ...local, _deleted: false });
}

/**
 * Three-way merge of a replication conflict. A refused write is undone: the client takes the
 * server's state and every field it had changed is reported. Fields only the client changed keep the client's value,
 * fields only the server changed keep the server's value, and fields both changed differently keep
 * the server's value and are reported, so the user is told what was replaced. A deletion on either
 * side wins over edits, except that a client edit of a document the server deleted stays deleted and
 * is reported. The merged revision is above both sides' so the next push is accepted.
 */
export function mergeConflict<T extends Record<string, unknown>>(input: MergeInput<T>): MergeResult<T> {
  const { base, server, local } = input;
  if (isRefusal(base, server, local)) {
    return { merged: server, replaced: differences(server, local), refused: true };
  }
  const merged: Record<string, unknown> = { ...server };
  const replaced: ReplacedField[] = [];
  const fields = new Set([...Object.keys(server), ...Object.keys(local), ...Object.keys(base ?? {})]);
  for (const field of fields) {
    if (bookkeepingFields.has(field)) {
      continue;
    }
    const localValue = local[field];
    const serverValue = server[field];
    if (sameValue(localValue, serverValue)) {
      continue;
    }
    const localChanged = base === undefined || !sameValue(localValue, base[field]);
    const serverChanged = base !== undefined && !sameValue(serverValue, base[field]);
    if (localChanged && !serverChanged) {
      if (localValue === undefined) {
        delete merged[field];
      } else {
        merged[field] = localValue;
      }
    } else if (localChanged && serverChanged) {
      replaced.push({ field, mine: localValue, theirs: serverValue });
    }
  }
  const serverDeleted = server['_deleted'] === true;
  const localDeleted = local['_deleted'] === true;
  if (serverDeleted && !localDeleted && replaced.length === 0 && base !== undefined && !sameValue(local, base)) {
    replaced.push({ field: '_deleted', mine: false, theirs: true });
  }
  merged['_deleted'] = serverDeleted || localDeleted;
  const serverRev = typeof server['rev'] === 'number' ? server['rev'] : 0;
  const localRev = typeof local['rev'] === 'number' ? local['rev'] : 0;
  merged['rev'] = Math.max(serverRev, localRev) + 1;
  const localUpdated = local['updated_at'];
  if (typeof localUpdated === 'string') {
    merged['updated_at'] = localUpdated;
  }
  return { merged: merged as T, replaced, refused: false };
}
