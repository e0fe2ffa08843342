import { documentTotals } from '@relais/domain';
import { documentPdfFileName, formatDateFr, formatEurosFr, renderDocumentFile, type PdfInput } from '@relais/documents';
import type { Contact, Entreprise } from '@relais/schema';
import type { MailMessage, Mailer } from '../auth/mailer';

export type MailDocument = PdfInput['document'];

/**
 * `createSmtpMailer` spreads the message into nodemailer's `sendMail`, so the attachment goes
 * through as it is (the same way as the subcontractors' announcements).
 */
type DocumentMail = MailMessage & { attachments: { filename: string; content: Buffer; contentType: string }[] };

export interface DocumentMailInput {
  entreprise: Entreprise;
  contact: Contact;
  document: MailDocument;
  destinataires: string[];
  /** The sender's own words, put before the standard text. */
  message?: string | undefined;
}

/** "la facture FA-2026-00012", "l’avoir AV-…", "le devis DE-…". */
function described(document: MailDocument): { title: string; phrase: string; numero: string } {
  if (document.kind === 'devis') {
    const numero = document.devis.numero ?? '';
    return { title: `Devis ${numero}`, phrase: `notre devis ${numero}`, numero };
  }
  const numero = document.facture.numero ?? '';
  switch (document.facture.type_facture) {
    case 'avoir':
      return { title: `Avoir ${numero}`, phrase: `notre avoir ${numero}`, numero };
    case 'acompte':
      return { title: `Facture d’acompte ${numero}`, phrase: `notre facture d’acompte ${numero}`, numero };
    case 'facture':
      return { title: `Facture ${numero}`, phrase: `notre facture ${numero}`, numero };
  }
}

/** The French mail carrying a quote or an invoice as a PDF (a Factur-X for a validated invoice, deposit invoice or credit note). */
export async function documentMail(input: DocumentMailInput): Promise<DocumentMail> {
  const { entreprise, contact, document } = input;
  const pdfInput: PdfInput = { entreprise, contact, document };
  const pdf = await renderDocumentFile(pdfInput);
  const { title, phrase } = described(document);
  const sender = entreprise.nom_commercial ?? entreprise.raison_sociale;
  const lines: string[] = ['Bonjour,', ''];
  if (input.message?.trim()) {
    lines.push(input.message.trim(), '');
  }
  if (document.kind === 'devis') {
    const { devis } = document;
    const totals = documentTotals(devis.lignes, devis.regime_tva);
    lines.push(
      `Veuillez trouver ci-joint ${phrase} du ${formatDateFr(devis.date_devis)}, d’un montant de ${formatEurosFr(totals.total_ttc)} TTC, valable jusqu’au ${formatDateFr(devis.date_validite)}.`,
    );
  } else {
    const { facture } = document;
    const totals = documentTotals(facture.lignes, facture.regime_tva);
    const dated = facture.date_facture ? ` du ${formatDateFr(facture.date_facture)}` : '';
    if (facture.type_facture === 'avoir') {
      lines.push(`Veuillez trouver ci-joint ${phrase}${dated}, d’un montant de ${formatEurosFr(Math.abs(totals.total_ttc))} TTC.`);
    } else {
      const due = facture.date_echeance ? `, à régler au plus tard le ${formatDateFr(facture.date_echeance)}` : '';
      lines.push(`Veuillez trouver ci-joint ${phrase}${dated}, d’un montant de ${formatEurosFr(totals.total_ttc)} TTC${due}.`);
    }
  }
  lines.push('', 'Nous restons à votre disposition pour toute question.', '', 'Cordialement,', sender);
  if (entreprise.telephone) {
    lines.push(entreprise.telephone);
  }
  return {
    to: input.destinataires.join(', '),
    subject: `${title} — ${sender}`,
    text: lines.join('\n'),
    attachments: [{ filename: documentPdfFileName(pdfInput), content: Buffer.from(pdf), contentType: 'application/pdf' }],
  };
}

/** Builds the mail and sends it; rejects when the mail server refuses it. */
export async function sendDocumentMail(mailer: Mailer, input: DocumentMailInput): Promise<void> {
  await mailer.send(await documentMail(input));
}
