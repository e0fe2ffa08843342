import { buildFec, dayNumber, today } from '@relais/domain';
import { dateField, storableText, type ComptesEntreprise, type Contact, type Devis, type Entreprise, type Envoi, type Facture, type Reglement } from '@relais/schema';
import { errorBody } from '@relais/sync-protocol';
import { Hono, type Context } from 'hono';
import { documentFacturXml, documentPdfFileName, documentXmlFileName, isFacturXDocument, renderDocumentFile } from '@relais/documents';
import { z } from 'zod';
import type { Mailer } from '../auth/mailer';
import { clientIp, parseQuery } from '../auth/http';
import { authMiddleware, type AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import type { Db } from '../db/client';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import { createRowMapper, type Doc, type StoredRow } from '../replication/documents';
import type { ReplicationStore, WriteContext } from '../replication/store';
import { facturesCsv, periodFileName, reglementsCsv, relances, type ContactInfo } from './exports';
import { sendDocumentMail, type MailDocument } from './mail';

export interface InvoicingRoutesDeps {
  auth: AuthService;
  db: Db;
  store: ReplicationStore;
  logger: Logger;
  /** The clock of "today" (reminders, sendings); tests move it. */
  now?: (() => Date) | undefined;
}

const uuid = z.uuid('identifiant invalide');

const periodQuery = z.object({
  du: dateField,
  au: dateField,
  entreprise_id: uuid.optional(),
  separateur: z.enum([';', ','], 'séparateur attendu : « ; » ou « , »').default(';'),
});

const fecQuery = z.object({ du: dateField, au: dateField, entreprise_id: uuid });

const relancesQuery = z.object({ date: dateField.optional(), entreprise_id: uuid.optional() });

const sendBody = z.strictObject({
  destinataires: z.array(z.email('adresse e-mail invalide').max(200)).min(1, 'au moins un destinataire').max(20).optional(),
  message: storableText().max(5000).optional(),
});

/** A real calendar day (`2026-02-30` passes the pattern, not this). */
function realDay(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

function checkPeriod(du: string, au: string): void {
  for (const [field, date] of [
    ['du', du],
    ['au', au],
  ] as const) {
    if (!realDay(date)) {
      throw new ApiError('VALIDATION_FAILED', `Date invalide : ${date} n’existe pas.`, { field });
    }
  }
  if (du > au) {
    throw new ApiError('VALIDATION_FAILED', `Période invalide : le début (${du}) est après la fin (${au}).`, { field: 'du' });
  }
  if (dayNumber(au) - dayNumber(du) > 366 * 5) {
    throw new ApiError('VALIDATION_FAILED', 'Période invalide : cinq ans au plus.', { field: 'au' });
  }
}

function attachment(c: Context, body: string, contentType: string, fileName: string): Response {
  return c.body(body, 200, { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"` });
}

/**
 * Invoicing services the PWA cannot do alone: the accountant's exports (CSV of invoices and
 * payments, FEC), the reminders list, and sending a quote or an invoice by e-mail with its PDF.
 * Reads need `view_invoicing`, sending `manage_invoicing`; the sending is recorded through the
 * replication store, so it is logged and reaches every PWA.
 */
export function invoicingRoutes({ auth, db, store, logger, now = () => new Date() }: InvoicingRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requirePermission } = authMiddleware(auth);
  const sqlite = db.$client;
  const mappers = { factures: createRowMapper('factures'), reglements: createRowMapper('reglements'), contacts: createRowMapper('contacts') };
  const selectValidated = sqlite.prepare<[], StoredRow>(`SELECT * FROM "factures" WHERE "_deleted" = 0 AND statut = 'validee'`);
  const selectReglements = sqlite.prepare<[], StoredRow>('SELECT * FROM "reglements" WHERE "_deleted" = 0');
  const selectContacts = sqlite.prepare<[], StoredRow>('SELECT id, nom, prenom, siren, email, code FROM "contacts" WHERE "_deleted" = 0');
  const selectEntreprise = sqlite.prepare<[string], { id: string; siren: string; comptes: string | null }>(
    'SELECT id, siren, comptes FROM "entreprises" WHERE id = ? AND "_deleted" = 0',
  );

  /** A stored document without the tombstone flag (the schemas are strict). */
  function live<T>(doc: Doc): T {
    const { _deleted: _flag, ...rest } = doc;
    return rest as unknown as T;
  }

  function read() {
    return {
      factures: selectValidated.all().map((row) => live<Facture>(mappers.factures.toDocument(row))),
      reglements: selectReglements.all().map((row) => live<Reglement>(mappers.reglements.toDocument(row))),
      contacts: selectContacts.all().map((row) => {
        const doc: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(row)) {
          if (value !== null) {
            doc[field] = value;
          }
        }
        return doc as unknown as ContactInfo;
      }),
    };
  }

  function csvExport(kind: 'factures' | 'reglements') {
    return (c: Context<AuthEnv>): Response => {
      const query = parseQuery(c, periodQuery);
      checkPeriod(query.du, query.au);
      const input = { ...read(), du: query.du, au: query.au, entrepriseId: query.entreprise_id, separator: query.separateur };
      const text = kind === 'factures' ? facturesCsv(input) : reglementsCsv(input);
      return attachment(c, text, 'text/csv; charset=utf-8', periodFileName(kind, query.du, query.au));
    };
  }

  app.get('/exports/factures.csv', requirePermission('view_invoicing'), csvExport('factures'));
  app.get('/exports/reglements.csv', requirePermission('view_invoicing'), csvExport('reglements'));

  app.get('/exports/fec', requirePermission('view_invoicing'), (c) => {
    const query = parseQuery(c, fecQuery);
    checkPeriod(query.du, query.au);
    const row = selectEntreprise.get(query.entreprise_id);
    if (!row) {
      throw new ApiError('NOT_FOUND', 'Entreprise introuvable.', { id: query.entreprise_id });
    }
    const comptes = row.comptes === null ? undefined : (JSON.parse(row.comptes) as ComptesEntreprise);
    const fec = buildFec({ entreprise: { id: row.id, siren: row.siren, comptes }, ...read(), du: query.du, au: query.au });
    return attachment(c, fec.text, 'text/plain; charset=utf-8', fec.fileName);
  });

  app.get('/relances', requirePermission('view_invoicing'), (c) => {
    const query = parseQuery(c, relancesQuery);
    const date = query.date ?? today(now());
    if (!realDay(date)) {
      throw new ApiError('VALIDATION_FAILED', `Date invalide : ${date} n’existe pas.`, { field: 'date' });
    }
    const items = relances({ ...read(), date, entrepriseId: query.entreprise_id });
    return c.json({ date, items });
  });

  /** The stored document, or 404. */
  function stored(collection: 'devis' | 'factures', id: string): Doc {
    const doc = store.get(collection, id.toLowerCase());
    if (!doc || doc._deleted) {
      throw new ApiError('NOT_FOUND', collection === 'devis' ? 'Devis introuvable.' : 'Facture introuvable.', { id });
    }
    return doc;
  }

  function entrepriseOf(id: string): Entreprise {
    const doc = store.get('entreprises', id);
    if (!doc || doc._deleted) {
      throw new ApiError('NOT_FOUND', 'L’entreprise émettrice du document est introuvable.', { id });
    }
    return live<Entreprise>(doc);
  }

  function contactOf(id: string): Contact {
    const doc = store.get('contacts', id);
    if (!doc || doc._deleted) {
      throw new ApiError('NOT_FOUND', 'Le client du document est introuvable.', { id });
    }
    return live<Contact>(doc);
  }

  /** A stored quote or invoice with what its PDF shows (its company, its customer, a credit note's invoice). */
  function pdfInput(collection: 'devis' | 'factures', id: string): { doc: Doc; document: MailDocument; entreprise: Entreprise; contact: Contact } {
    const doc = stored(collection, id);
    let document: MailDocument;
    if (collection === 'factures') {
      const facture = live<Facture>(doc);
      const origineDoc = facture.facture_origine_id === undefined ? undefined : store.get('factures', facture.facture_origine_id);
      const origine = origineDoc && !origineDoc._deleted ? live<Facture>(origineDoc) : undefined;
      document = origine ? { kind: 'facture', facture, origine } : { kind: 'facture', facture };
    } else {
      document = { kind: 'devis', devis: live<Devis>(doc) };
    }
    return { doc, document, entreprise: entrepriseOf(String(doc['entreprise_id'])), contact: contactOf(String(doc['contact_id'])) };
  }

  /**
   * The PDF of a stored quote or invoice, made by the same code as the PWA's (`@relais/documents`):
   * a Factur-X for a validated invoice, deposit invoice or credit note, a plain PDF otherwise.
   */
  function pdfRoute(collection: 'devis' | 'factures') {
    return async (c: Context<AuthEnv>): Promise<Response> => {
      const { document, entreprise, contact } = pdfInput(collection, c.req.param('id') ?? '');
      const input = { entreprise, contact, document };
      const bytes = await renderDocumentFile(input);
      return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${documentPdfFileName(input)}"`,
        },
      });
    };
  }

  /** The Factur-X XML alone (CII, EN 16931) of a validated invoice, deposit invoice or credit note; 409 for a draft. */
  function xmlRoute(c: Context<AuthEnv>): Response {
    const { document, entreprise, contact } = pdfInput('factures', c.req.param('id') ?? '');
    const input = { entreprise, contact, document };
    if (!isFacturXDocument(input)) {
      throw new ApiError('CONFLICT', 'Cette facture est un brouillon : le XML Factur-X n’existe qu’une fois la facture validée.', { reason: 'FACTURE_BROUILLON' });
    }
    return new Response(documentFacturXml(input), {
      headers: {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': `attachment; filename="${documentXmlFileName(input)}"`,
      },
    });
  }

  /**
   * Appends the sending to the document's `envois` through the store. The context carries no
   * permissions: it is the server's own write (the invoicing guard lets such a write append to the
   * `envois` of a validated invoice, and nothing else); the user is its actor.
   */
  function recordSending(collection: 'devis' | 'factures', id: string, envoi: Envoi, context: WriteContext): Envoi[] {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = stored(collection, id);
      const envois = [...((current['envois'] as Envoi[] | undefined) ?? []), envoi];
      const { _deleted: _flag, ...rest } = current;
      // A draft quote sent to the customer is a sent quote.
      const statut = collection === 'devis' && current['statut'] === 'brouillon' ? { statut: 'envoye' } : {};
      const newDocumentState = { ...rest, ...statut, envois, rev: Number(current.rev) + 1, updated_at: envoi.at, _deleted: false } as Doc;
      const outcome = store.push(collection, [{ assumedMasterState: current, newDocumentState }], context);
      if (!outcome.ok) {
        throw new ApiError('DOMAIN_RULE', `E-mail envoyé, mais son envoi n’a pas pu être enregistré : ${outcome.issues[0]?.message ?? 'document invalide'}`, {
          issues: outcome.issues,
        });
      }
      const refusal = outcome.refused[0];
      if (refusal) {
        throw new ApiError('DOMAIN_RULE', `E-mail envoyé, mais son envoi n’a pas pu être enregistré : ${refusal.message}`, { reason: refusal.code });
      }
      if (outcome.conflicts.length === 0) {
        return envois;
      }
    }
    throw new ApiError('CONFLICT', 'E-mail envoyé, mais le document a changé pendant l’enregistrement de l’envoi : rechargez-le.');
  }

  function sendRoute(collection: 'devis' | 'factures') {
    return async (c: Context<AuthEnv>): Promise<Response> => {
      const id = c.req.param('id') ?? '';
      let raw: unknown = {};
      const text = await c.req.text();
      if (text.trim() !== '') {
        try {
          raw = JSON.parse(text) as unknown;
        } catch {
          throw new ApiError('BAD_REQUEST', 'Corps de requête JSON invalide');
        }
      }
      const parsed = sendBody.safeParse(raw);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new ApiError('VALIDATION_FAILED', `Requête invalide : ${first ? `${first.path.join('.') || 'corps'} — ${first.message}` : 'corps'}`, {
          issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
        });
      }
      const body = parsed.data;
      const { doc, document, entreprise, contact } = pdfInput(collection, id);
      if (document.kind === 'facture' && document.facture.statut !== 'validee') {
        throw new ApiError('CONFLICT', 'Cette facture est un brouillon : validez-la avant de l’envoyer.', { reason: 'FACTURE_BROUILLON' });
      }
      const destinataires = body.destinataires ?? (contact.email ? [contact.email] : []);
      if (destinataires.length === 0) {
        throw new ApiError('VALIDATION_FAILED', 'Aucun destinataire : le client n’a pas d’adresse e-mail, indiquez-en une.', { field: 'destinataires' });
      }
      const joined = destinataires.join(', ');
      if (joined.length > 1000) {
        throw new ApiError('VALIDATION_FAILED', 'Trop de destinataires : 1 000 caractères au plus.', { field: 'destinataires' });
      }
      const mailer: Mailer | undefined = auth.mailer;
      if (!mailer) {
        throw new ApiError('MAIL_UNAVAILABLE', "L'envoi d'e-mails n'est pas configuré sur le serveur : contactez l'administrateur.");
      }
      const { user, session } = c.get('auth');
      try {
        await sendDocumentMail(mailer, { entreprise, contact, document, destinataires, message: body.message });
      } catch (failure) {
        logger.warn({ err: failure, collection, id }, 'document non envoyé par e-mail');
        const reason = failure instanceof Error ? failure.message : String(failure);
        // 502: the mail server refused; nothing is recorded.
        return c.json(errorBody('MAIL_UNAVAILABLE', `Le serveur de messagerie a refusé l’envoi : ${reason}`, { reason: 'SMTP_ECHEC' }), 502);
      }
      const envoi: Envoi = { at: now().toISOString(), destinataires: joined, par: user.username.slice(0, 100) };
      const context: WriteContext = { actor: user.username, source: 'server', permissions: undefined, hostname: session.hostname, ip: clientIp(c) };
      return c.json({ envois: recordSending(collection, String(doc.id), envoi, context) });
    };
  }

  app.get('/devis/:id/pdf', requirePermission('view_invoicing'), pdfRoute('devis'));
  app.get('/factures/:id/pdf', requirePermission('view_invoicing'), pdfRoute('factures'));
  app.get('/factures/:id/facturx.xml', requirePermission('view_invoicing'), xmlRoute);
  app.post('/devis/:id/envoyer', requirePermission('manage_invoicing'), sendRoute('devis'));
  app.post('/factures/:id/envoyer', requirePermission('manage_invoicing'), sendRoute('factures'));

  return app;
}
