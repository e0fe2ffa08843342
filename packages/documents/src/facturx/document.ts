import { displayNumber } from '@relais/domain';
import type { Facture } from '@relais/schema';
import { renderDocumentPdf, type PdfInput } from '../pdf';
import { buildCiiXml, facturXInputOf } from './cii';
import { embedFacturX } from './pdfa';

/** A document that leaves Relais as Factur-X. */
export type FacturXPdfInput = PdfInput & { document: { kind: 'facture'; facture: Facture & { numero: string; date_facture: string } } };

/**
 * Whether a document is a Factur-X: a validated, numbered invoice, deposit invoice or credit note.
 * Quotes and drafts (no number, no legal value, the draft notice on every page) stay plain PDFs.
 */
export function isFacturXDocument(input: PdfInput): input is FacturXPdfInput {
  if (input.document.kind !== 'facture') {
    return false;
  }
  const { facture } = input.document;
  return facture.statut !== 'brouillon' && facture.numero !== undefined && facture.date_facture !== undefined;
}

/** The CII XML (EN 16931) of a validated invoice, deposit invoice or credit note; throws, in French, for anything else. */
export function documentFacturXml(input: PdfInput): string {
  const facturX = isFacturXDocument(input) ? facturXInputOf(input) : undefined;
  if (facturX === undefined) {
    throw new Error('Le XML Factur-X n’existe que pour une facture, une facture d’acompte ou un avoir validé et numéroté.');
  }
  return buildCiiXml(facturX);
}

/** `FA-2026-00012-factur-x.xml`. */
export function documentXmlFileName(input: PdfInput): string {
  const number = displayNumber(input.document.kind === 'devis' ? input.document.devis : input.document.facture);
  return `${number.replace(/[^A-Za-z0-9._-]+/g, '-')}-factur-x.xml`;
}

/**
 * The PDF that leaves Relais (download, e-mail, server route): a Factur-X (PDF/A-3 with its CII XML)
 * for a validated invoice, deposit invoice or credit note, the plain PDF for a quote or a draft.
 * Dated by the document's validation, so the same document always gives the same file.
 */
export async function renderDocumentFile(input: PdfInput): Promise<Uint8Array> {
  const pdf = renderDocumentPdf(input);
  if (!isFacturXDocument(input)) {
    return pdf;
  }
  const { facture } = input.document;
  const title = `${facture.type_facture === 'avoir' ? 'Avoir' : facture.type_facture === 'acompte' ? 'Facture d’acompte' : 'Facture'} ${facture.numero}`;
  const customer = input.contact.type_contact === 'particulier' && input.contact.prenom ? `${input.contact.prenom} ${input.contact.nom}` : input.contact.nom;
  return embedFacturX(pdf, documentFacturXml(input), {
    title,
    author: input.entreprise.raison_sociale,
    subject: `${title} — ${customer}`,
    date: new Date(facture.validee_le ?? `${facture.date_facture}T12:00:00Z`),
  });
}
