import { errorBodySchema } from '@relais/sync-protocol';

/** A refused or failed call: the server's message (`NETWORK` when it was not reached). */
export class InvoicingRequestError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'InvoicingRequestError';
  }
}

export interface InvoicingApiOptions {
  /** Sends the request with the session's token (renewing it after a 401). */
  fetch: typeof fetch;
  authHeaders: () => Record<string, string>;
  baseUrl?: string;
}

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
export function createInvoicingApi({ fetch: doFetch, authHeaders, baseUrl = '' }: InvoicingApiOptions) {
  return {
    async send(collection: 'devis' | 'factures', id: string, body: SendRequest): Promise<void> {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}/api/invoicing/${collection}/${encodeURIComponent(id)}/envoyer`, {
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/json', ...authHeaders() },
          cache: 'no-store',
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
      } catch (error) {
        throw new InvoicingRequestError('NETWORK', 0, error instanceof Error ? error.message : String(error));
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        try {
          const parsed = errorBodySchema.parse(JSON.parse(text));
          throw new InvoicingRequestError(parsed.error.code, response.status, parsed.detail ?? parsed.error.message);
        } catch (error) {
          if (error instanceof InvoicingRequestError) {
            throw error;
          }
          throw new InvoicingRequestError('HTTP_ERROR', response.status, text.slice(0, 200) || response.statusText);
        }
      }
    },
  };
}

export type InvoicingApi = ReturnType<typeof createInvoicingApi>;
