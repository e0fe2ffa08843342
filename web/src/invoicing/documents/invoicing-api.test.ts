import { describe, expect, it } from 'vitest';
import { createInvoicingApi, splitRecipients } from './invoicing-api';
import { RequestError } from '../../ui/json-client';

function fakeFetch(response: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const doFetch = ((url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(response());
  }) as typeof fetch;
  return { calls, doFetch };
}

describe('sending a document by e-mail', () => {
  it('posts the recipients and the message to /api/invoicing/…/envoyer with the session headers', async () => {
    const { calls, doFetch } = fakeFetch(() => new Response(JSON.stringify({ envois: [] }), { status: 200 }));
    const api = createInvoicingApi({ fetch: doFetch, authHeaders: () => ({ authorization: 'Bearer t' }) });
    await api.send('factures', 'abc', { destinataires: ['a@b.fr'], message: 'Bonjour' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/api/invoicing/factures/abc/envoyer');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(new Headers(calls[0]?.init?.headers).get('authorization')).toBe('Bearer t');
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual({ destinataires: ['a@b.fr'], message: 'Bonjour' });
  });

  it('gives the server’s French message when it refuses', async () => {
    const body = { error: { code: 'MAIL_UNAVAILABLE', message: 'Impossible' }, detail: 'L’envoi d’e-mails n’est pas configuré sur le serveur' };
    const { doFetch } = fakeFetch(() => new Response(JSON.stringify(body), { status: 503 }));
    const api = createInvoicingApi({ fetch: doFetch, authHeaders: () => ({}) });
    const failure = await api.send('devis', 'x', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestError);
    expect(failure).toMatchObject({ code: 'MAIL_UNAVAILABLE', status: 503, message: 'L’envoi d’e-mails n’est pas configuré sur le serveur' });
  });

  it('says when the server was not reached', async () => {
    const doFetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const failure = await createInvoicingApi({ fetch: doFetch, authHeaders: () => ({}) })
      .send('devis', 'x', {})
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it('splits the recipients typed in one field', () => {
    expect(splitRecipients(' a@b.fr, c@d.fr ; ,')).toEqual(['a@b.fr', 'c@d.fr']);
  });
});
