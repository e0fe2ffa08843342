import type { InvoicingData } from './use-invoicing-data';

export type LoadedInvoicingData = { [K in keyof InvoicingData]: NonNullable<InvoicingData[K]> };

/** All the collections once each has given its first results; `undefined` before. */
export function loaded(data: InvoicingData): LoadedInvoicingData | undefined {
  const { entreprises, contacts, articles, devis, factures, reglements } = data;
  if (!entreprises || !contacts || !articles || !devis || !factures || !reglements) {
    return undefined;
  }
  return { entreprises, contacts, articles, devis, factures, reglements };
}
