import { addDays } from '@relais/domain';

export type ExportKind = 'factures' | 'reglements' | 'fec';

export interface ExportRequest {
  du: string;
  au: string;
  /** Required by the FEC (one company's books); all companies otherwise when absent. */
  entrepriseId?: string | undefined;
  separateur: ';' | ',';
}

/** The previous calendar month of `today` (what the accountant usually exports). */
export function previousMonth(today: string): { du: string; au: string } {
  const au = addDays(`${today.slice(0, 7)}-01`, -1);
  return { du: `${au.slice(0, 7)}-01`, au };
}

/** What is wrong with a request before asking the server, in French; `undefined` when it may go. */
export function exportProblem(kind: ExportKind, request: ExportRequest): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.du) || !/^\d{4}-\d{2}-\d{2}$/.test(request.au)) {
    return 'Indiquez les deux dates de la période.';
  }
  if (request.au < request.du) {
    return 'La fin de la période précède son début.';
  }
  if (kind === 'fec' && !request.entrepriseId) {
    return 'Le FEC est celui d’une entreprise : choisissez-la.';
  }
  return undefined;
}

/** The server route of an export (`/api/invoicing/exports/…`). */
export function exportPath(kind: ExportKind, request: ExportRequest): string {
  const query = new URLSearchParams({ du: request.du, au: request.au });
  if (request.entrepriseId) {
    query.set('entreprise_id', request.entrepriseId);
  }
  if (kind !== 'fec') {
    query.set('separateur', request.separateur);
  }
  const file = kind === 'fec' ? 'fec' : `${kind}.csv`;
  return `/api/invoicing/exports/${file}?${query.toString()}`;
}

/** The file name the server gives in `Content-Disposition`, else `fallback`. */
export function attachmentName(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match?.[1] ?? fallback;
}
