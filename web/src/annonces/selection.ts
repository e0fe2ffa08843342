import type { AnnonceSendResult } from './annonces-api';

/** The subcontractors checked for sending: every one of the preview when it (re)loads. */
export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) {
    next.delete(id);
  } else {
    next.add(id);
  }
  return next;
}

/** Keeps only ids still in the preview, in the preview's order (the server sends in that order). */
export function selectedIds(selected: ReadonlySet<string>, previewIds: readonly string[]): string[] {
  return previewIds.filter((id) => selected.has(id));
}

export function countByStatus(results: readonly AnnonceSendResult[]): { sent: number; failed: number } {
  const sent = results.filter((result) => result.status === 'sent').length;
  return { sent, failed: results.length - sent };
}
