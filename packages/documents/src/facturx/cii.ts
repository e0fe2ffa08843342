import {
  buyerElectronicAddress,
  cadreFacturation,
  countryCode,
  deliverToAddress,
  deliveryAddressFor,
  documentTotals,
  exemptCategoryOf,
  isExemptLine,
  lineAmount,
  mentionsFor,
  natureFor,
  tvaSurDebitsFor,
  type DocumentTotals,
} from '@relais/domain';
import type { Adresse, Contact, Entreprise, Facture, FactureLigne } from '@relais/schema';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { PdfInput } from '../pdf';

/**
 * The structured invoice of Factur-X: CII (UN/CEFACT Cross Industry Invoice D16B) in the EN 16931
 * profile, with the French reform's rules (BR-FR). Built from the same data as the PDF, so both
 * come from one document.
 */
export interface FacturXInput {
  entreprise: Entreprise;
  contact: Contact;
  /** A validated invoice, deposit invoice or credit note (it has its number and its date). */
  facture: Facture;
  /** For a credit note: the invoice it corrects, cited with its number and date. */
  origine?: Facture | undefined;
}

/** The Factur-X input of a PDF's input; none for a quote, which has no e-invoice. */
export function facturXInputOf(input: PdfInput): FacturXInput | undefined {
  if (input.document.kind !== 'facture') {
    return undefined;
  }
  return { entreprise: input.entreprise, contact: input.contact, facture: input.document.facture, origine: input.document.origine };
}

export const FACTURX_EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
} as const;

const TYPE_CODES: Record<Facture['type_facture'], string> = { facture: '380', acompte: '386', avoir: '381' };

export const FRANCHISE_MENTION = 'TVA non applicable, art. 293 B du CGI';
export const AUTOLIQUIDATION_MENTION = 'Autoliquidation';

/** UN/ECE Recommendation 20 codes of the units Relais uses; "one" (C62) for the others. */
const UNIT_CODES: Record<string, string> = {
  h: 'HUR',
  heure: 'HUR',
  heures: 'HUR',
  j: 'DAY',
  jour: 'DAY',
  jours: 'DAY',
  kg: 'KGM',
  t: 'TNE',
  tonne: 'TNE',
  km: 'KMT',
  m: 'MTR',
  m2: 'MTK',
  'm²': 'MTK',
  m3: 'MTQ',
  'm³': 'MTQ',
  l: 'LTR',
  forfait: 'LS',
};

/** Cents as a decimal amount with a point (`-1234.5` € → `-1234.50`). */
function amount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage with two decimals (2 000 → `20.00`), the form BR-FR-16 lists. */
function percent(bp: number): string {
  return amount(bp);
}

function quantity(value: number): string {
  return String(Math.round(Math.abs(value) * 1000) / 1000);
}

/** `2026-11-23` → `20261123` (format 102). */
function date102(iso: string): string {
  return iso.replaceAll('-', '');
}

type Category = 'S' | 'Z' | 'E' | 'G' | 'K' | 'AE';

interface CategoryOf {
  code: Category;
  rateBp: number;
  /** The exemption reason (BT-120) and its VATEX code (BT-121). */
  exemption?: string | undefined;
  exemptionCode?: string | undefined;
}

function categoryOf(regime: Facture['regime_tva'], ligne: FactureLigne): CategoryOf {
  switch (regime) {
    case 'franchise':
      return { code: 'E', rateBp: 0, exemption: FRANCHISE_MENTION };
    case 'autoliquidation':
      return { code: 'AE', rateBp: 0, exemption: AUTOLIQUIDATION_MENTION };
    case 'normale':
      if (ligne.taux_tva_bp > 0) {
        return { code: 'S', rateBp: ligne.taux_tva_bp };
      }
      // An export (G) or an intra-community supply (K) is an exemption with rules of its own.
      return isExemptLine(regime, ligne)
        ? { code: exemptCategoryOf(ligne), rateBp: 0, exemption: ligne.exoneration, exemptionCode: ligne.exoneration_code }
        : { code: 'Z', rateBp: 0 };
  }
}

interface Breakdown {
  category: CategoryOf;
  base: number;
  tax: number;
}

/**
 * The one breakdown of a category of exempt lines (BR-E-01, BR-G-01, BR-IC-01) says each of their
 * reasons (BT-120), and their VATEX code (BT-121) when they all share one.
 */
function mergedExemption(entry: CategoryOf, line: CategoryOf): CategoryOf {
  const reasons = [entry.exemption, line.exemption].filter((reason): reason is string => reason !== undefined && reason.trim() !== '');
  const exemption = [...new Set(reasons.flatMap((reason) => reason.split(' ; ')))].join(' ; ');
  return { ...entry, exemption: exemption === '' ? undefined : exemption, exemptionCode: entry.exemptionCode === line.exemptionCode ? entry.exemptionCode : undefined };
}

/**
 * One entry per VAT category and rate. Standard-rated entries are the totals function's per-rate
 * entries; zero-rated, exempt, exported, intra-community and reverse-charged lines (no tax) are one
 * entry per category.
 */
function breakdownOf(regime: Facture['regime_tva'], lignes: readonly FactureLigne[], totals: DocumentTotals): Breakdown[] {
  const entries: Breakdown[] = [];
  const untaxed = new Map<Category, Breakdown>();
  lignes.forEach((ligne, index) => {
    const category = categoryOf(regime, ligne);
    if (category.code === 'S') {
      return;
    }
    const known = untaxed.get(category.code);
    const entry = known ? { ...known, category: mergedExemption(known.category, category) } : { category, base: 0, tax: 0 };
    entry.base += totals.lignes_ht[index] ?? 0;
    untaxed.set(category.code, entry);
  });
  for (const vat of totals.tva) {
    const standard = lignes.some((ligne) => categoryOf(regime, ligne).code === 'S' && ligne.taux_tva_bp === vat.taux_tva_bp);
    if (standard) {
      // A 0 % rate is never standard, so this entry holds the standard lines of this rate only.
      entries.push({ category: { code: 'S', rateBp: vat.taux_tva_bp }, base: vat.base_ht, tax: vat.montant_tva });
    }
  }
  return [...entries, ...untaxed.values()];
}

function address(parent: XMLBuilder, adresse: Adresse): void {
  const node = parent.ele(NS.ram, 'ram:PostalTradeAddress');
  node.ele(NS.ram, 'ram:PostcodeCode').txt(adresse.code_postal);
  node.ele(NS.ram, 'ram:LineOne').txt(adresse.ligne1);
  if (adresse.ligne2 !== undefined) {
    node.ele(NS.ram, 'ram:LineTwo').txt(adresse.ligne2);
  }
  node.ele(NS.ram, 'ram:CityName').txt(adresse.ville);
  node.ele(NS.ram, 'ram:CountryID').txt(countryCode(adresse.pays));
}

function tradeTax(parent: XMLBuilder, category: CategoryOf): void {
  const tax = parent.ele(NS.ram, 'ram:ApplicableTradeTax');
  tax.ele(NS.ram, 'ram:TypeCode').txt('VAT');
  tax.ele(NS.ram, 'ram:CategoryCode').txt(category.code);
  tax.ele(NS.ram, 'ram:RateApplicablePercent').txt(percent(category.rateBp));
}

function allowance(parent: XMLBuilder, cents: number, reason: string, category?: CategoryOf): void {
  const node = parent.ele(NS.ram, 'ram:SpecifiedTradeAllowanceCharge');
  node.ele(NS.ram, 'ram:ChargeIndicator').ele(NS.udt, 'udt:Indicator').txt('false');
  node.ele(NS.ram, 'ram:ActualAmount').txt(amount(cents));
  node.ele(NS.ram, 'ram:Reason').txt(reason.slice(0, 500));
  if (category !== undefined) {
    const tax = node.ele(NS.ram, 'ram:CategoryTradeTax');
    tax.ele(NS.ram, 'ram:TypeCode').txt('VAT');
    tax.ele(NS.ram, 'ram:CategoryCode').txt(category.code);
    tax.ele(NS.ram, 'ram:RateApplicablePercent').txt(percent(category.rateBp));
  }
}

function contactName(contact: Contact): string {
  return contact.type_contact === 'particulier' && contact.prenom !== undefined ? `${contact.prenom} ${contact.nom}` : contact.nom;
}

/** The lines as the e-invoice sees them: a credit note's amounts positive (its type says it is one). */
function signedLines(facture: Facture): FactureLigne[] {
  return facture.type_facture === 'avoir' ? facture.lignes.map((ligne) => ({ ...ligne, quantite: -ligne.quantite })) : facture.lignes;
}

function requireValidated(facture: Facture): { numero: string; date: string } {
  if (facture.numero === undefined || facture.date_facture === undefined) {
    throw new Error('La facture électronique se produit pour un document validé (numéro et date).');
  }
  return { numero: facture.numero, date: facture.date_facture };
}

function seller(agreement: XMLBuilder, entreprise: Entreprise): void {
  const party = agreement.ele(NS.ram, 'ram:SellerTradeParty');
  if (entreprise.siret !== undefined) {
    party.ele(NS.ram, 'ram:GlobalID', { schemeID: '0009' }).txt(entreprise.siret);
  }
  party.ele(NS.ram, 'ram:Name').txt(entreprise.raison_sociale);
  const legal = party.ele(NS.ram, 'ram:SpecifiedLegalOrganization');
  legal.ele(NS.ram, 'ram:ID', { schemeID: '0002' }).txt(entreprise.siren);
  if (entreprise.nom_commercial !== undefined) {
    legal.ele(NS.ram, 'ram:TradingBusinessName').txt(entreprise.nom_commercial);
  }
  address(party, entreprise.adresse);
  party.ele(NS.ram, 'ram:URIUniversalCommunication').ele(NS.ram, 'ram:URIID', { schemeID: '0225' }).txt(entreprise.siren);
  if (entreprise.tva_intracom !== undefined) {
    party.ele(NS.ram, 'ram:SpecifiedTaxRegistration').ele(NS.ram, 'ram:ID', { schemeID: 'VA' }).txt(entreprise.tva_intracom);
  } else {
    // Exempt lines need a seller tax identifier (BR-E-02): the tax registration number.
    party.ele(NS.ram, 'ram:SpecifiedTaxRegistration').ele(NS.ram, 'ram:ID', { schemeID: 'FC' }).txt(entreprise.siret ?? entreprise.siren);
  }
}

function buyer(agreement: XMLBuilder, contact: Contact): void {
  const party = agreement.ele(NS.ram, 'ram:BuyerTradeParty');
  if (contact.siret !== undefined) {
    party.ele(NS.ram, 'ram:GlobalID', { schemeID: '0009' }).txt(contact.siret);
  }
  party.ele(NS.ram, 'ram:Name').txt(contactName(contact));
  if (contact.siren !== undefined) {
    party.ele(NS.ram, 'ram:SpecifiedLegalOrganization').ele(NS.ram, 'ram:ID', { schemeID: '0002' }).txt(contact.siren);
  }
  address(party, contact.adresse_facturation);
  // BR-FR-12; validation refuses a customer without one (`judgeFactureWrite`).
  const electronic = buyerElectronicAddress(contact);
  if (electronic !== undefined) {
    party.ele(NS.ram, 'ram:URIUniversalCommunication').ele(NS.ram, 'ram:URIID', { schemeID: electronic.scheme }).txt(electronic.id);
  }
  if (contact.tva_intracom !== undefined) {
    party.ele(NS.ram, 'ram:SpecifiedTaxRegistration').ele(NS.ram, 'ram:ID', { schemeID: 'VA' }).txt(contact.tva_intracom);
  }
}

/** BAR note (BR-FR-20): a French business B2B, a foreign one B2BINT, a person B2C. */
function treatment(contact: Contact): string {
  if (contact.type_contact === 'particulier') {
    return 'B2C';
  }
  return contact.siren !== undefined ? 'B2B' : 'B2BINT';
}

function paymentTermsText(facture: Facture): string {
  const { jours, fin_de_mois } = facture.conditions_paiement;
  return jours === 0 ? 'Paiement à réception' : `Paiement à ${jours} jours${fin_de_mois ? ' fin de mois' : ''}`;
}

/**
 * The CII XML (Factur-X EN 16931) of a validated invoice, deposit invoice or credit note. Pure: runs
 * in the PWA (offline) and on the server. Deposit deductions of a final invoice become its prepaid
 * amount; other negative lines become document allowances.
 */
export function buildCiiXml(input: FacturXInput): string {
  const { entreprise, contact, facture, origine } = input;
  const { numero, date } = requireValidated(facture);
  const regime = facture.regime_tva;
  const all = signedLines(facture);
  const deducted = facture.type_facture === 'facture' ? all.filter((ligne) => ligne.acompte_facture_id !== undefined) : [];
  const lignes = deducted.length > 0 ? all.filter((ligne) => ligne.acompte_facture_id === undefined) : all;
  const totals = documentTotals(lignes, regime);
  const prepaid = deducted.length > 0 ? totals.total_ttc - documentTotals(all, regime).total_ttc : 0;

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.rsm, 'rsm:CrossIndustryInvoice', {
    'xmlns:qdt': NS.qdt,
    'xmlns:ram': NS.ram,
    'xmlns:udt': NS.udt,
  });
  const context = root.ele(NS.rsm, 'rsm:ExchangedDocumentContext');
  context.ele(NS.ram, 'ram:BusinessProcessSpecifiedDocumentContextParameter').ele(NS.ram, 'ram:ID').txt(cadreFacturation(entreprise, facture));
  context.ele(NS.ram, 'ram:GuidelineSpecifiedDocumentContextParameter').ele(NS.ram, 'ram:ID').txt(FACTURX_EN16931_GUIDELINE);

  const header = root.ele(NS.rsm, 'rsm:ExchangedDocument');
  header.ele(NS.ram, 'ram:ID').txt(numero);
  header.ele(NS.ram, 'ram:TypeCode').txt(TYPE_CODES[facture.type_facture]);
  header.ele(NS.ram, 'ram:IssueDateTime').ele(NS.udt, 'udt:DateTimeString', { format: '102' }).txt(date102(date));
  const mentions = mentionsFor(entreprise, facture);
  const notes: [string, string][] = [
    ['PMT', mentions.recouvrement],
    ['PMD', mentions.penalites],
    ['AAB', mentions.escompte],
    ['BAR', treatment(contact)],
  ];
  const debits = tvaSurDebitsFor(entreprise, facture);
  if (debits && regime === 'normale') {
    notes.push(['TXD', 'Option pour le paiement de la taxe d’après les débits']);
  }
  if (facture.motif !== undefined) {
    notes.push(['AAI', facture.motif]);
  }
  for (const [code, content] of notes) {
    const note = header.ele(NS.ram, 'ram:IncludedNote');
    note.ele(NS.ram, 'ram:Content').txt(content);
    note.ele(NS.ram, 'ram:SubjectCode').txt(code);
  }

  const transaction = root.ele(NS.rsm, 'rsm:SupplyChainTradeTransaction');
  const allowances: { cents: number; reason: string; category: CategoryOf }[] = [];
  let lineTotal = 0;
  let position = 0;
  lignes.forEach((ligne, index) => {
    const net = totals.lignes_ht[index] ?? 0;
    const category = categoryOf(regime, ligne);
    if (net < 0) {
      allowances.push({ cents: -net, reason: ligne.designation, category });
      return;
    }
    position += 1;
    lineTotal += net;
    const gross = Math.abs(lineAmount({ ...ligne, remise_bp: 0 }));
    const item = transaction.ele(NS.ram, 'ram:IncludedSupplyChainTradeLineItem');
    item.ele(NS.ram, 'ram:AssociatedDocumentLineDocument').ele(NS.ram, 'ram:LineID').txt(String(position));
    item.ele(NS.ram, 'ram:SpecifiedTradeProduct').ele(NS.ram, 'ram:Name').txt(ligne.designation);
    item
      .ele(NS.ram, 'ram:SpecifiedLineTradeAgreement')
      .ele(NS.ram, 'ram:NetPriceProductTradePrice')
      .ele(NS.ram, 'ram:ChargeAmount')
      .txt(amount(Math.abs(ligne.prix_unitaire_ht)));
    item
      .ele(NS.ram, 'ram:SpecifiedLineTradeDelivery')
      .ele(NS.ram, 'ram:BilledQuantity', { unitCode: UNIT_CODES[(ligne.unite ?? '').trim().toLowerCase()] ?? 'C62' })
      .txt(quantity(ligne.quantite));
    const settlement = item.ele(NS.ram, 'ram:SpecifiedLineTradeSettlement');
    tradeTax(settlement, category);
    if (gross > net) {
      allowance(settlement, gross - net, `Remise ${percent(ligne.remise_bp ?? 0).replace(/\.?0+$/, '')} %`);
    }
    settlement.ele(NS.ram, 'ram:SpecifiedTradeSettlementLineMonetarySummation').ele(NS.ram, 'ram:LineTotalAmount').txt(amount(net));
  });

  const agreement = transaction.ele(NS.ram, 'ram:ApplicableHeaderTradeAgreement');
  seller(agreement, entreprise);
  buyer(agreement, contact);

  const delivery = transaction.ele(NS.ram, 'ram:ApplicableHeaderTradeDelivery');
  // An intra-community supply names the country the goods go to (BR-IC-12), the billing one at least.
  const intraCommunity = lignes.some((ligne) => categoryOf(regime, ligne).code === 'K');
  const livraison = intraCommunity ? deliverToAddress(contact, facture) : deliveryAddressFor(contact, facture);
  if (livraison !== undefined) {
    const shipTo = delivery.ele(NS.ram, 'ram:ShipToTradeParty');
    shipTo.ele(NS.ram, 'ram:Name').txt(contactName(contact));
    address(shipTo, livraison);
  }
  if (facture.date_prestation !== undefined) {
    delivery.ele(NS.ram, 'ram:ActualDeliverySupplyChainEvent').ele(NS.ram, 'ram:OccurrenceDateTime').ele(NS.udt, 'udt:DateTimeString', { format: '102' }).txt(date102(facture.date_prestation));
  }

  const settlement = transaction.ele(NS.ram, 'ram:ApplicableHeaderTradeSettlement');
  settlement.ele(NS.ram, 'ram:PaymentReference').txt(numero);
  settlement.ele(NS.ram, 'ram:InvoiceCurrencyCode').txt('EUR');
  if (entreprise.iban !== undefined) {
    const means = settlement.ele(NS.ram, 'ram:SpecifiedTradeSettlementPaymentMeans');
    means.ele(NS.ram, 'ram:TypeCode').txt('58');
    means.ele(NS.ram, 'ram:PayeePartyCreditorFinancialAccount').ele(NS.ram, 'ram:IBANID').txt(entreprise.iban);
    if (entreprise.bic !== undefined) {
      means.ele(NS.ram, 'ram:PayeeSpecifiedCreditorFinancialInstitution').ele(NS.ram, 'ram:BICID').txt(entreprise.bic);
    }
  }
  // VAT on services is due at payment unless the company opted for debits (BT-8: 72 / 5).
  const taxPoint = regime === 'normale' && natureFor(entreprise, facture) !== 'biens' ? (debits ? '5' : '72') : undefined;
  for (const entry of breakdownOf(regime, lignes, totals)) {
    const tax = settlement.ele(NS.ram, 'ram:ApplicableTradeTax');
    tax.ele(NS.ram, 'ram:CalculatedAmount').txt(amount(entry.tax));
    tax.ele(NS.ram, 'ram:TypeCode').txt('VAT');
    if (entry.category.exemption !== undefined) {
      tax.ele(NS.ram, 'ram:ExemptionReason').txt(entry.category.exemption);
    }
    tax.ele(NS.ram, 'ram:BasisAmount').txt(amount(entry.base));
    tax.ele(NS.ram, 'ram:CategoryCode').txt(entry.category.code);
    if (entry.category.exemptionCode !== undefined) {
      tax.ele(NS.ram, 'ram:ExemptionReasonCode').txt(entry.category.exemptionCode);
    }
    if (taxPoint !== undefined && entry.category.code === 'S') {
      tax.ele(NS.ram, 'ram:DueDateTypeCode').txt(taxPoint);
    }
    tax.ele(NS.ram, 'ram:RateApplicablePercent').txt(percent(entry.category.rateBp));
  }
  for (const entry of allowances) {
    allowance(settlement, entry.cents, entry.reason, entry.category);
  }
  const terms = settlement.ele(NS.ram, 'ram:SpecifiedTradePaymentTerms');
  terms.ele(NS.ram, 'ram:Description').txt(paymentTermsText(facture));
  if (facture.date_echeance !== undefined) {
    terms.ele(NS.ram, 'ram:DueDateDateTime').ele(NS.udt, 'udt:DateTimeString', { format: '102' }).txt(date102(facture.date_echeance));
  }
  const allowanceTotal = allowances.reduce((sum, entry) => sum + entry.cents, 0);
  const summation = settlement.ele(NS.ram, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  summation.ele(NS.ram, 'ram:LineTotalAmount').txt(amount(lineTotal));
  if (allowances.length > 0) {
    summation.ele(NS.ram, 'ram:AllowanceTotalAmount').txt(amount(allowanceTotal));
  }
  summation.ele(NS.ram, 'ram:TaxBasisTotalAmount').txt(amount(totals.total_ht));
  summation.ele(NS.ram, 'ram:TaxTotalAmount', { currencyID: 'EUR' }).txt(amount(totals.total_tva));
  summation.ele(NS.ram, 'ram:GrandTotalAmount').txt(amount(totals.total_ttc));
  if (prepaid !== 0) {
    summation.ele(NS.ram, 'ram:TotalPrepaidAmount').txt(amount(prepaid));
  }
  summation.ele(NS.ram, 'ram:DuePayableAmount').txt(amount(totals.total_ttc - prepaid));
  if (origine?.numero !== undefined && origine.date_facture !== undefined) {
    const referenced = settlement.ele(NS.ram, 'ram:InvoiceReferencedDocument');
    referenced.ele(NS.ram, 'ram:IssuerAssignedID').txt(origine.numero);
    referenced.ele(NS.ram, 'ram:FormattedIssueDateTime').ele(NS.qdt, 'qdt:DateTimeString', { format: '102' }).txt(date102(origine.date_facture));
  }
  return root.end({ prettyPrint: true });
}
