import { jsPDF } from 'jspdf';
import { cadreFacturation, deliveryAddressFor, displayNumber, documentTotals, isExemptLine, mentionsFor, natureFor, natureLabels, tvaSurDebitsFor, type DocumentTotals } from '@relais/domain';
import type { Contact, Devis, Entreprise, Facture, Ligne } from '@relais/schema';
import { interBoldBase64, interRegularBase64 } from './fonts/inter';
import { addressLines, formatDateFr, formatEurosFr, formatIban, formatQuantity, formatRateBp, formatSiren, formatTerms } from './format';

/** What a quote, an invoice, a deposit invoice or a credit note is printed from. */
export interface PdfInput {
  entreprise: Entreprise;
  contact: Contact;
  /** A credit note's `origine` is the invoice it cancels (cited with its number and date). */
  document: { kind: 'devis'; devis: Devis } | { kind: 'facture'; facture: Facture; origine?: Facture | undefined };
}

// A4 portrait, millimetres.
const PAGE_WIDTH = 210;
const PAGE_HEIGHT = 297;
const LEFT = 15;
const RIGHT = PAGE_WIDTH - 15;
const WIDTH = RIGHT - LEFT;
const TOP = 15;
const FONT = 'Inter';
const PT = 25.4 / 72;

type Rgb = readonly [number, number, number];
const INK: Rgb = [31, 41, 55];
const MUTED: Rgb = [107, 114, 128];
const ACCENT: Rgb = [30, 58, 138];
const FILL: Rgb = [236, 241, 250];
const RULE: Rgb = [209, 213, 219];
const ALERT: Rgb = [185, 28, 28];

export const DRAFT_NOTICE = 'BROUILLON — document sans valeur légale';

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

const COLUMNS: readonly Column[] = [
  { title: 'Désignation', width: 74, align: 'left' },
  { title: 'Qté', width: 14, align: 'right' },
  { title: 'Unité', width: 14, align: 'left' },
  { title: 'PU HT', width: 24, align: 'right' },
  { title: 'Remise', width: 14, align: 'right' },
  { title: 'TVA', width: 12, align: 'right' },
  { title: 'Montant HT', width: 28, align: 'right' },
];

/** "N° FA-2026-00012", or the draft label as it is ("Brouillon du 06/12/2026"). */
function numberLine(view: Pick<View, 'number' | 'numbered'>): string {
  return view.numbered ? `N° ${view.number}` : view.number;
}

/** Everything printed, resolved once from the input. */
interface View {
  title: string;
  number: string;
  /** Whether `number` is the definitive one ("N° FA-…") rather than a draft label ("Brouillon du …"). */
  numbered: boolean;
  draft: boolean;
  /** Right-hand header lines: `label : value`. */
  dates: [string, string][];
  references: { text: string; bold: boolean }[];
  lignes: readonly Ligne[];
  regime: Facture['regime_tva'];
  totals: DocumentTotals;
  mentions: string[];
  devis: Devis | undefined;
}

function lineHeight(sizePt: number): number {
  return sizePt * PT * 1.25;
}

function documentTitle(facture: Facture): string {
  switch (facture.type_facture) {
    case 'facture':
      return 'FACTURE';
    case 'acompte':
      return "FACTURE D'ACOMPTE";
    case 'avoir':
      return 'AVOIR';
  }
}

/** A note as a sentence: the notes are stored without their final stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Payment terms and the notes of the reform (BR-FR-05), in the texts the Factur-X XML carries too
 * (`mentionsFor`: the document's, else the company's, else the legal default): penalties (PMD) for
 * every customer; the 40 € recovery fee (PMT) and the discount terms (AAB) for a business, the fee
 * being owed by professionals only.
 */
function paymentMentions(entreprise: Entreprise, contact: Contact, terms: Facture['conditions_paiement'], due: string | undefined, facture: Facture | undefined): string[] {
  const mentions: string[] = [];
  const termsText = `Conditions de paiement : ${formatTerms(terms)}`;
  if (due !== undefined) {
    mentions.push(`${termsText} — date d'échéance : ${formatDateFr(due)}.`);
  } else {
    mentions.push(facture !== undefined ? `${termsText} (échéance fixée à la validation de la facture).` : `${termsText} à compter de la date de facture.`);
  }
  const notes = mentionsFor(entreprise, facture);
  mentions.push(sentence(notes.penalites));
  if (contact.type_contact === 'societe') {
    mentions.push(sentence(notes.recouvrement), sentence(notes.escompte));
  }
  return mentions;
}

/** The option for VAT on debits (CGI art. 269), printed when the company took it and charges VAT. */
function debitsMention(entreprise: Entreprise, regime: Facture['regime_tva'], facture: Facture | undefined): string[] {
  return tvaSurDebitsFor(entreprise, facture) && regime === 'normale' ? ["Option pour le paiement de la TVA d'après les débits."] : [];
}

/** Nature of the operation with its "cadre de facturation", and the delivery address when it is not the billing one. */
function reformReferences(entreprise: Entreprise, contact: Contact, facture: Facture): { text: string; bold: boolean }[] {
  const references = [
    { text: `Nature de l'opération : ${natureLabels[natureFor(entreprise, facture)]} (cadre de facturation ${cadreFacturation(entreprise, facture)})`, bold: false },
  ];
  const delivery = deliveryAddressFor(contact, facture);
  if (delivery !== undefined) {
    references.push({ text: `Adresse de livraison : ${addressLines(delivery).join(', ')}`, bold: false });
  }
  return references;
}

function regimeMentions(regime: Facture['regime_tva']): string[] {
  switch (regime) {
    case 'normale':
      return [];
    case 'franchise':
      return ['TVA non applicable, art. 293 B du CGI.'];
    case 'autoliquidation':
      return ['Autoliquidation : la TVA est due par le preneur (client assujetti).'];
  }
}

/** Each exemption reason of the 0 % lines (the CGI article the invoice must cite), with the lines it covers. */
function exemptionMentions(facture: Facture): string[] {
  const byReason = new Map<string, string[]>();
  for (const ligne of facture.lignes) {
    const reason = ligne.exoneration?.trim() ?? '';
    if (isExemptLine(facture.regime_tva, ligne) && reason !== '') {
      byReason.set(reason, [...(byReason.get(reason) ?? []), ligne.designation]);
    }
  }
  return [...byReason].map(([reason, lignes]) => `${reason.replace(/\.$/, '')} — ${lignes.length > 1 ? 'lignes' : 'ligne'} : ${lignes.join(' ; ')}.`);
}

function bankMention(entreprise: Entreprise): string[] {
  const parts: string[] = [];
  if (entreprise.iban !== undefined) {
    parts.push(`IBAN : ${formatIban(entreprise.iban)}`);
  }
  if (entreprise.bic !== undefined) {
    parts.push(`BIC : ${entreprise.bic}`);
  }
  return parts.length === 0 ? [] : [`Règlement par virement — ${parts.join(' — ')}`];
}

function buildView(input: PdfInput): View {
  const { entreprise, contact, document } = input;
  if (document.kind === 'devis') {
    const devis = document.devis;
    const references = devis.objet ? [{ text: `Objet : ${devis.objet}`, bold: false }] : [];
    const terms = contact.conditions_paiement ?? entreprise.conditions_paiement;
    return {
      title: 'DEVIS',
      number: displayNumber(devis),
      numbered: devis.numero !== undefined,
      draft: false,
      dates: [
        ['Date du devis', formatDateFr(devis.date_devis)],
        ['Valable jusqu’au', formatDateFr(devis.date_validite)],
      ],
      references,
      lignes: devis.lignes,
      regime: devis.regime_tva,
      totals: documentTotals(devis.lignes, devis.regime_tva),
      mentions: [
        `Devis valable jusqu'au ${formatDateFr(devis.date_validite)}.`,
        ...paymentMentions(entreprise, contact, terms, undefined, undefined),
        ...regimeMentions(devis.regime_tva),
        ...(devis.conditions && devis.conditions.trim() !== '' ? [devis.conditions] : []),
        ...bankMention(entreprise),
      ],
      devis,
    };
  }
  const { facture, origine } = document;
  const draft = facture.statut === 'brouillon' || facture.numero === undefined;
  const dates: [string, string][] = [];
  if (facture.date_facture !== undefined) {
    dates.push([facture.type_facture === 'avoir' ? "Date de l'avoir" : "Date d'émission", formatDateFr(facture.date_facture)]);
  }
  if (facture.date_prestation !== undefined) {
    dates.push(['Date de la vente / prestation', formatDateFr(facture.date_prestation)]);
  }
  if (facture.date_echeance !== undefined && facture.type_facture !== 'avoir') {
    dates.push(["Date d'échéance", formatDateFr(facture.date_echeance)]);
  }
  const references: { text: string; bold: boolean }[] = [];
  if (facture.type_facture === 'avoir') {
    if (origine !== undefined) {
      const numero = origine.numero === undefined ? displayNumber(origine) : `N° ${origine.numero}`;
      const date = origine.date_facture === undefined ? '' : ` du ${formatDateFr(origine.date_facture)}`;
      references.push({ text: `Avoir sur la facture ${numero}${date}`, bold: true });
    } else if (facture.facture_origine_id !== undefined) {
      // The cancelled invoice is not at hand: say so rather than print its id.
      references.push({ text: 'Avoir sur une facture antérieure', bold: true });
    }
    if (facture.motif && facture.motif.trim() !== '') {
      references.push({ text: `Motif : ${facture.motif}`, bold: false });
    }
  }
  if (facture.objet && facture.objet.trim() !== '') {
    references.push({ text: `Objet : ${facture.objet}`, bold: false });
  }
  references.push(...reformReferences(entreprise, contact, facture));
  const isAvoir = facture.type_facture === 'avoir';
  return {
    title: documentTitle(facture),
    number: displayNumber(facture),
    numbered: facture.numero !== undefined,
    draft,
    dates,
    references,
    lignes: facture.lignes,
    regime: facture.regime_tva,
    totals: documentTotals(facture.lignes, facture.regime_tva),
    mentions: [
      // A credit note is not paid by the customer: no payment terms nor late-payment penalties.
      ...(isAvoir ? [] : paymentMentions(entreprise, contact, facture.conditions_paiement, facture.date_echeance, facture)),
      ...regimeMentions(facture.regime_tva),
      ...exemptionMentions(facture),
      ...debitsMention(entreprise, facture.regime_tva, facture),
      ...(isAvoir ? [] : bankMention(entreprise)),
    ],
    devis: undefined,
  };
}

/** The issuing company's identity, as printed under its logo. */
function sellerLines(entreprise: Entreprise): string[] {
  const lines: string[] = [];
  if (entreprise.nom_commercial && entreprise.nom_commercial.trim() !== '') {
    lines.push(entreprise.nom_commercial);
  }
  const forme = entreprise.forme_juridique?.trim() ?? '';
  if (forme !== '' && entreprise.capital_social !== undefined) {
    lines.push(`${forme} au capital de ${formatEurosFr(entreprise.capital_social)}`);
  } else if (forme !== '') {
    lines.push(forme);
  } else if (entreprise.capital_social !== undefined) {
    lines.push(`Capital social : ${formatEurosFr(entreprise.capital_social)}`);
  }
  lines.push(...addressLines(entreprise.adresse));
  lines.push(`SIREN : ${formatSiren(entreprise.siren)}${entreprise.siret === undefined ? '' : ` — SIRET : ${formatSiren(entreprise.siret)}`}`);
  if (entreprise.rcs_ville !== undefined && entreprise.rcs_ville.trim() !== '') {
    lines.push(`RCS ${entreprise.rcs_ville} ${formatSiren(entreprise.siren)}`);
  }
  if (entreprise.tva_intracom !== undefined) {
    lines.push(`TVA intracommunautaire : ${entreprise.tva_intracom}`);
  }
  const contactParts = [entreprise.email, entreprise.telephone === undefined ? undefined : `Tél. ${entreprise.telephone}`].filter(
    (part): part is string => part !== undefined && part.trim() !== '',
  );
  if (contactParts.length > 0) {
    lines.push(contactParts.join(' — '));
  }
  if (entreprise.site_web !== undefined && entreprise.site_web.trim() !== '') {
    lines.push(entreprise.site_web);
  }
  return lines;
}

function customerName(contact: Contact): string {
  return contact.type_contact === 'particulier' && contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom;
}

function customerLines(contact: Contact): string[] {
  const lines = addressLines(contact.adresse_facturation);
  if (contact.siren !== undefined) {
    lines.push(`SIREN : ${formatSiren(contact.siren)}`);
  }
  if (contact.tva_intracom !== undefined) {
    lines.push(`TVA intracommunautaire : ${contact.tva_intracom}`);
  }
  if (contact.code !== undefined && contact.code.trim() !== '') {
    lines.push(`Code client : ${contact.code}`);
  }
  return lines;
}

/** jsPDF with the page cursor and the page-break rule of one document. */
class Writer {
  readonly doc: jsPDF;
  y = TOP;
  readonly bottom: number;
  private readonly continuation: string;

  constructor(doc: jsPDF, footerHeight: number, continuation: string) {
    this.doc = doc;
    this.bottom = PAGE_HEIGHT - 8 - footerHeight;
    this.continuation = continuation;
  }

  font(size: number, bold = false, color: Rgb = INK): void {
    this.doc.setFont(FONT, bold ? 'bold' : 'normal');
    this.doc.setFontSize(size);
    this.doc.setTextColor(color[0], color[1], color[2]);
  }

  /** Writes lines from `top` (the top of the first line, not its baseline); returns the bottom. */
  lines(lines: readonly string[], x: number, top: number, size: number, align: 'left' | 'right' | 'center' = 'left'): number {
    const height = lineHeight(size);
    lines.forEach((line, index) => {
      this.doc.text(line, x, top + index * height + size * PT * 0.9, { align });
    });
    return top + lines.length * height;
  }

  wrap(text: string, width: number): string[] {
    return this.doc.splitTextToSize(text, width) as string[];
  }

  /** A new page: the document's reference at its top, then whatever `after` draws (a table header). */
  newPage(after?: () => void): void {
    this.doc.addPage('a4', 'portrait');
    this.font(7.5, false, MUTED);
    this.lines([this.continuation], LEFT, TOP - 5, 7.5);
    this.doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
    this.doc.setLineWidth(0.2);
    this.doc.line(LEFT, TOP, RIGHT, TOP);
    this.y = TOP + 4;
    after?.();
  }

  /** Starts a new page unless `height` more millimetres fit on this one. */
  ensure(height: number, after?: () => void): void {
    if (this.y + height > this.bottom) {
      this.newPage(after);
    }
  }
}

function registerFonts(doc: jsPDF): void {
  doc.addFileToVFS('Inter-Regular.ttf', interRegularBase64);
  doc.addFont('Inter-Regular.ttf', FONT, 'normal');
  doc.addFileToVFS('Inter-Bold.ttf', interBoldBase64);
  doc.addFont('Inter-Bold.ttf', FONT, 'bold');
}

/** Draws the logo in a box of at most `maxWidth` × `maxHeight`, keeping its aspect ratio; returns its height. */
function drawLogo(doc: jsPDF, logo: string, maxWidth: number, maxHeight: number): number {
  try {
    const format = logo.startsWith('data:image/png') ? 'PNG' : 'JPEG';
    const properties = doc.getImageProperties(logo);
    if (properties.width <= 0 || properties.height <= 0) {
      return 0;
    }
    const scale = Math.min(maxWidth / properties.width, maxHeight / properties.height);
    const width = properties.width * scale;
    const height = properties.height * scale;
    doc.addImage(logo, format, LEFT, TOP, width, height, 'logo', 'FAST');
    return height;
  } catch {
    // An unreadable image (the schema checks the data URL, not the picture) never blocks a legal document.
    return 0;
  }
}

function drawHeader(w: Writer, input: PdfInput, view: View): void {
  const { doc } = w;
  const { entreprise, contact } = input;
  // Left: logo, then the seller.
  const logoHeight = entreprise.logo === undefined ? 0 : drawLogo(doc, entreprise.logo, 60, 24);
  let left = TOP + (logoHeight > 0 ? logoHeight + 4 : 0);
  w.font(11, true);
  const nameLines = w.wrap(entreprise.raison_sociale, 95);
  left = w.lines(nameLines, LEFT, left, 11) + 0.5;
  w.font(8);
  left = w.lines(
    sellerLines(entreprise).flatMap((line) => w.wrap(line, 95)),
    LEFT,
    left,
    8,
  );

  // Right: title, number, dates.
  let right = TOP;
  w.font(view.title.length > 10 ? 16 : 20, true, ACCENT);
  right = w.lines([view.title], RIGHT, right, view.title.length > 10 ? 16 : 20, 'right') + 1;
  w.font(10, true);
  right = w.lines([numberLine(view)], RIGHT, right, 10, 'right') + 1;
  if (view.draft) {
    w.font(8.5, true, ALERT);
    right = w.lines([DRAFT_NOTICE], RIGHT, right, 8.5, 'right') + 1;
  }
  w.font(8.5);
  right = w.lines(
    view.dates.map(([label, value]) => `${label} : ${value}`),
    RIGHT,
    right,
    8.5,
    'right',
  );

  // Right, below: the customer, boxed.
  const boxX = 112;
  const boxWidth = RIGHT - boxX;
  const boxTop = Math.max(right + 5, TOP + 30);
  w.font(10, true);
  const name = w.wrap(customerName(contact), boxWidth - 8);
  w.font(8.5);
  const details = customerLines(contact).flatMap((line) => w.wrap(line, boxWidth - 8));
  const boxHeight = 4 + lineHeight(7) + name.length * lineHeight(10) + details.length * lineHeight(8.5) + 3;
  doc.setFillColor(FILL[0], FILL[1], FILL[2]);
  doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
  doc.setLineWidth(0.2);
  doc.roundedRect(boxX, boxTop, boxWidth, boxHeight, 1.5, 1.5, 'FD');
  w.font(7, true, MUTED);
  let inBox = w.lines([contact.type_contact === 'societe' ? 'CLIENT' : 'CLIENT (PARTICULIER)'], boxX + 4, boxTop + 3, 7);
  w.font(10, true);
  inBox = w.lines(name, boxX + 4, inBox, 10);
  w.font(8.5);
  w.lines(details, boxX + 4, inBox, 8.5);

  w.y = Math.max(left, boxTop + boxHeight) + 7;

  // References: the invoice a credit note cancels, its reason, the object.
  for (const reference of view.references) {
    w.font(9, reference.bold);
    const wrapped = w.wrap(reference.text, WIDTH);
    w.y = w.lines(wrapped, LEFT, w.y, 9) + 1;
  }
  if (view.references.length > 0) {
    w.y += 3;
  }
}

function cellValues(ligne: Ligne, amount: number, regime: Facture['regime_tva']): string[] {
  return [
    ligne.designation,
    formatQuantity(ligne.quantite),
    ligne.unite ?? '',
    formatEurosFr(ligne.prix_unitaire_ht),
    ligne.remise_bp !== undefined && ligne.remise_bp > 0 ? formatRateBp(ligne.remise_bp) : '',
    regime === 'normale' ? formatRateBp(ligne.taux_tva_bp) : '—',
    formatEurosFr(amount),
  ];
}

const CELL_SIZE = 8;
const CELL_PAD = 1.6;

function drawTableHeader(w: Writer): void {
  const { doc } = w;
  const height = 7;
  doc.setFillColor(ACCENT[0], ACCENT[1], ACCENT[2]);
  doc.rect(LEFT, w.y, WIDTH, height, 'F');
  w.font(8, true, [255, 255, 255]);
  let x = LEFT;
  for (const column of COLUMNS) {
    const textX = column.align === 'right' ? x + column.width - CELL_PAD : x + CELL_PAD;
    w.lines([column.title], textX, w.y + 2, 8, column.align);
    x += column.width;
  }
  w.y += height;
}

function drawTable(w: Writer, view: View): void {
  const { doc } = w;
  drawTableHeader(w);
  const repeatHeader = (): void => drawTableHeader(w);
  if (view.lignes.length === 0) {
    w.font(CELL_SIZE, false, MUTED);
    w.y = w.lines(['Aucune ligne'], LEFT + CELL_PAD, w.y + CELL_PAD, CELL_SIZE) + CELL_PAD;
  }
  view.lignes.forEach((ligne, index) => {
    const values = cellValues(ligne, view.totals.lignes_ht[index] ?? 0, view.regime);
    w.font(CELL_SIZE);
    const wrapped = values.map((value, column) => w.wrap(value, (COLUMNS[column]?.width ?? 20) - 2 * CELL_PAD));
    const height = Math.max(1, ...wrapped.map((cell) => cell.length)) * lineHeight(CELL_SIZE) + 2 * CELL_PAD;
    w.ensure(height, repeatHeader);
    w.font(CELL_SIZE);
    let x = LEFT;
    wrapped.forEach((cell, column) => {
      const spec = COLUMNS[column];
      if (spec === undefined) {
        return;
      }
      w.lines(cell, spec.align === 'right' ? x + spec.width - CELL_PAD : x + CELL_PAD, w.y + CELL_PAD, CELL_SIZE, spec.align);
      x += spec.width;
    });
    w.y += height;
    doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
    doc.setLineWidth(0.15);
    doc.line(LEFT, w.y, RIGHT, w.y);
  });
}

/** Label/value rows of the totals box, the last one emphasised. */
function totalRows(view: View): [string, string][] {
  const { totals, regime } = view;
  const rows: [string, string][] = [['Total HT', formatEurosFr(totals.total_ht)]];
  switch (regime) {
    case 'normale':
      rows.push(['Total TVA', formatEurosFr(totals.total_tva)], ['Total TTC', formatEurosFr(totals.total_ttc)]);
      break;
    case 'franchise':
      rows.push(['Net à payer', formatEurosFr(totals.total_ttc)]);
      break;
    case 'autoliquidation':
      rows.push(['TVA (autoliquidation)', formatEurosFr(0)], ['Net à payer HT', formatEurosFr(totals.total_ttc)]);
      break;
  }
  return rows;
}

const ROW = 6;
const BOX_X = 122;

function totalsHeight(view: View): number {
  const vat = view.regime === 'normale' ? lineHeight(8.5) + 1 + 5.5 * (view.totals.tva.length + 1) : 0;
  return Math.max(vat, ROW * totalRows(view).length) + 6;
}

function drawTotals(w: Writer, view: View): void {
  const { doc } = w;
  const top = w.y;
  if (view.regime === 'normale') {
    w.font(8.5, true);
    let y = w.lines(['Détail de la TVA'], LEFT, top, 8.5) + 1;
    const widths = [22, 36, 36];
    const header = ['Taux', 'Base HT', 'Montant TVA'];
    const rows = [header, ...view.totals.tva.map((entry) => [formatRateBp(entry.taux_tva_bp), formatEurosFr(entry.base_ht), formatEurosFr(entry.montant_tva)])];
    rows.forEach((row, rowIndex) => {
      if (rowIndex === 0) {
        doc.setFillColor(FILL[0], FILL[1], FILL[2]);
        doc.rect(LEFT, y, 94, 5.5, 'F');
      }
      w.font(8, rowIndex === 0);
      let x = LEFT;
      row.forEach((cell, column) => {
        const width = widths[column] ?? 30;
        w.lines([cell], x + width - CELL_PAD, y + 1.2, 8, 'right');
        x += width;
      });
      y += 5.5;
      doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
      doc.setLineWidth(0.15);
      doc.line(LEFT, y, LEFT + 94, y);
    });
  }
  const rows = totalRows(view);
  rows.forEach(([label, value], index) => {
    const last = index === rows.length - 1;
    const y = top + index * ROW;
    if (last) {
      doc.setFillColor(ACCENT[0], ACCENT[1], ACCENT[2]);
      doc.rect(BOX_X, y, RIGHT - BOX_X, ROW, 'F');
    } else {
      doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
      doc.setLineWidth(0.15);
      doc.line(BOX_X, y + ROW, RIGHT, y + ROW);
    }
    w.font(last ? 9.5 : 8.5, last, last ? [255, 255, 255] : INK);
    w.lines([label], BOX_X + 2, y + 1.4, last ? 9.5 : 8.5);
    w.lines([value], RIGHT - 2, y + 1.4, last ? 9.5 : 8.5, 'right');
  });
  w.y = top + totalsHeight(view);
}

const MENTION_SIZE = 7.5;
const APPROVAL_HEIGHT = 34;

function mentionLines(w: Writer, view: View): string[][] {
  w.font(MENTION_SIZE);
  return view.mentions.map((mention) => w.wrap(mention, WIDTH));
}

function drawApproval(w: Writer): void {
  const { doc } = w;
  const x = RIGHT - 90;
  doc.setDrawColor(INK[0], INK[1], INK[2]);
  doc.setLineWidth(0.3);
  doc.rect(x, w.y, 90, APPROVAL_HEIGHT - 4, 'S');
  w.font(9, true);
  let y = w.lines(['Bon pour accord'], x + 3, w.y + 2.5, 9) + 1.5;
  w.font(8);
  y = w.lines(['Date :'], x + 3, y, 8) + 1.5;
  w.lines(['Signature, précédée de la mention « lu et approuvé » :'], x + 3, y, 8);
  w.font(8, false, MUTED);
  w.lines(['Cachet et signature du client'], LEFT, w.y + 2.5, 8);
  w.y += APPROVAL_HEIGHT;
}

function drawClosing(w: Writer, view: View): void {
  const paragraphs = mentionLines(w, view);
  const mentionsHeight = paragraphs.reduce((sum, lines) => sum + lines.length * lineHeight(MENTION_SIZE) + 1, 0);
  const approval = view.devis === undefined ? 0 : APPROVAL_HEIGHT;
  const whole = totalsHeight(view) + 4 + mentionsHeight + 2 + approval;
  // Totals, mentions and the approval box stay together on the last page when they fit on one page.
  if (w.y + whole > w.bottom && whole <= w.bottom - (TOP + 4)) {
    w.newPage();
  } else {
    w.ensure(totalsHeight(view) + 4);
  }
  w.y += 4;
  drawTotals(w, view);
  for (const lines of paragraphs) {
    w.ensure(lines.length * lineHeight(MENTION_SIZE) + 1);
    w.font(MENTION_SIZE);
    w.y = w.lines(lines, LEFT, w.y, MENTION_SIZE) + 1;
  }
  if (view.devis !== undefined) {
    w.y += 2;
    w.ensure(APPROVAL_HEIGHT);
    drawApproval(w);
  }
}

function footerLines(doc: jsPDF, entreprise: Entreprise): string[] {
  const text = entreprise.mentions?.trim() ?? '';
  if (text === '') {
    return [];
  }
  doc.setFont(FONT, 'normal');
  doc.setFontSize(7);
  return text.split(/\r?\n/).flatMap((paragraph) => doc.splitTextToSize(paragraph, WIDTH - 25) as string[]);
}

function drawFooters(w: Writer, view: View, footer: readonly string[]): void {
  const { doc } = w;
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page += 1) {
    doc.setPage(page);
    const top = w.bottom + 3;
    doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
    doc.setLineWidth(0.2);
    doc.line(LEFT, top, RIGHT, top);
    w.font(7, false, MUTED);
    w.lines(footer, LEFT, top + 1.5, 7);
    w.font(7.5, true, MUTED);
    w.lines([`Page ${page} / ${pages}`], RIGHT, top + 1.5, 7.5, 'right');
    if (view.draft) {
      w.font(7.5, true, ALERT);
      w.lines([DRAFT_NOTICE], RIGHT, top + 1.5 + lineHeight(7.5), 7.5, 'right');
    }
  }
}

/** The PDF of a quote, an invoice, a deposit invoice or a credit note (A4, French, several pages if needed). */
export function renderDocumentPdf(input: PdfInput): Uint8Array {
  const view = buildView(input);
  // Only the embedded Inter goes into the resources: jsPDF otherwise lists the 14 standard fonts, unembedded, which PDF/A (Factur-X) forbids.
  const doc = new jsPDF({ orientation: 'portrait', unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
  registerFonts(doc);
  doc.setProperties({
    title: `${view.title} ${view.number}`,
    subject: `${view.title} ${view.number} — ${customerName(input.contact)}`,
    author: input.entreprise.raison_sociale,
    creator: 'Relais',
  });
  doc.setLanguage('fr');
  const footer = footerLines(doc, input.entreprise);
  const footerHeight = Math.max(footer.length * lineHeight(7), view.draft ? 2 * lineHeight(7.5) : lineHeight(7.5)) + 4;
  const writer = new Writer(doc, footerHeight, `${view.title} ${numberLine(view)} — ${input.entreprise.raison_sociale} (suite)`);
  drawHeader(writer, input, view);
  drawTable(writer, view);
  drawClosing(writer, view);
  drawFooters(writer, view, footer);
  return new Uint8Array(doc.output('arraybuffer'));
}

/** The PDF's file name: its number (`FA-2026-00012.pdf`), `Brouillon-du-06-12-2026.pdf` for a draft. */
export function documentPdfFileName(input: PdfInput): string {
  const { document } = input;
  const number = displayNumber(document.kind === 'devis' ? document.devis : document.facture);
  return `${number.replace(/[^A-Za-z0-9._-]+/g, '-')}.pdf`;
}
