import { createDocument, updateDocument } from '@relais/replica';
import { newId } from '@relais/schema';
import { sameValue } from '@relais/sync-protocol';
import type { RxCollection, RxDocument } from 'rxdb';
import { pathOf } from '../../ui/route';

/** The bookkeeping fields, set by `createDocument` / `updateDocument`, never by the editors. */
const bookkeeping = new Set(['id', 'rev', 'updated_at']);

interface Revisioned {
  id: string;
  rev: number;
  updated_at: string;
}

/**
 * What `updateDocument` must change to turn `existing` into `next`: the fields that differ, and the
 * optional fields `next` no longer has as `undefined` (cleared).
 */
export function patchOf<T extends object>(existing: T, next: Partial<T>): Partial<T> {
  const before = existing as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (bookkeeping.has(key) || key.startsWith('_')) {
      continue;
    }
    if (!sameValue(before[key], after[key])) {
      patch[key] = after[key];
    }
  }
  return patch as Partial<T>;
}

/** A document built whole by the domain (a conversion) without its bookkeeping fields, id kept. */
export function withoutBookkeeping<T extends Revisioned>(doc: T): Omit<T, 'rev' | 'updated_at'> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'rev' && key !== 'updated_at')) as Omit<T, 'rev' | 'updated_at'>;
}

/** Writes `data` over `doc` locally (rev bumped, pending push); nothing when nothing changed. */
export async function saveOver<T extends Revisioned>(doc: RxDocument<T>, existing: T, data: Partial<T>): Promise<void> {
  const patch = patchOf(existing, data);
  if (Object.keys(patch).length > 0) {
    await updateDocument(doc, patch as Partial<Omit<T, 'id' | 'rev' | 'updated_at'>>);
  }
}

/** Saves an editor's values locally: over `doc` when shown, else as a new document, whose id is returned. */
export async function saveEdited<T extends Revisioned>(
  collection: RxCollection<T>,
  doc: RxDocument<T> | undefined,
  existing: T | undefined,
  data: Omit<T, 'id' | 'rev' | 'updated_at'>,
): Promise<string | undefined> {
  if (doc && existing) {
    await saveOver(doc, existing, data as Partial<T>);
    return undefined;
  }
  const id = newId();
  await createDocument(collection, { ...data, id });
  return id;
}

/** Inserts a document built by the domain (new draft of a conversion) locally, keeping its id. */
export async function insertBuilt<T extends Revisioned>(collection: RxCollection<T>, doc: T): Promise<void> {
  await createDocument(collection, withoutBookkeeping(doc) as Parameters<typeof createDocument<T>>[1]);
}

/** The invoices screen, opening the invoice `id` (a draft just converted from a quote). */
export function openFacture(id: string): void {
  window.history.pushState(null, '', `${pathOf('factures')}?ouvrir=${encodeURIComponent(id)}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The document to open named in the address (`?ouvrir=<id>`). */
export function openRequest(): string | undefined {
  return new URLSearchParams(window.location.search).get('ouvrir') ?? undefined;
}

/** Removes the request from the address once honoured (a reload then shows the list). */
export function clearOpenRequest(): void {
  if (openRequest() !== undefined) {
    window.history.replaceState(null, '', window.location.pathname);
  }
}
