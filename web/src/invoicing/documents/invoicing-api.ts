import { createJsonClient, type ApiOptions } from '../../ui/json-client';

export type InvoicingApiOptions = ApiOptions;

export interface SendRequest {
  destinataires?: string[];
  message?: string;
}

/** The recipients typed in one field, split on commas and semicolons. */
export function splitRecipients(input: string): string[] {
  return input
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** `POST /api/invoicing/{devis|factures}/:id/envoyer`: the server renders the PDF and mails it. */
export function createInvoicingApi(options: InvoicingApiOptions) {
  const client = createJsonClient({ ...options, timeoutMs: { read: 60_000, write: 60_000 } });
  return {
    async send(collection: 'devis' | 'factures', id: string, body: SendRequest): Promise<void> {
      await client.send('POST', `/api/invoicing/${collection}/${encodeURIComponent(id)}/envoyer`, { body });
    },
  };
}

export type InvoicingApi = ReturnType<typeof createInvoicingApi>;
