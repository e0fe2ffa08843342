import { describe, expect, it } from 'vitest';
import { documentTotals } from '@relais/domain';
import type { Contact, Entreprise, Facture } from '@relais/schema';
import { documentPdfFileName, renderDocumentPdf, type PdfInput } from './pdf';
import { formatEurosFr } from './format';
import { ENTREPRISE, JPEG_LOGO, PARTICULIER, SOCIETE, devis, facture, ligne, realisticLines } from './testing/fixtures';
import { paintedImages, pdfPages, plain } from './testing/pdf-text';

/** Three lines, two VAT rates, one discount; worked by hand below. */
const LIGNES = [
  // 3 × 100,00 € − 10 % = 270,00 € at 20 %
  ligne('Location de hayon élévateur', 3, 10_000, 2000, { remise_bp: 1000, unite: 'jour' }),
  // 2,5 × 12,34 € = 30,85 € at 5,5 %
  ligne('Livraison de denrées alimentaires', 2.5, 1_234, 550, { unite: 'kg' }),
  // 1 × 1 234,56 € at 20 %
  ligne('Forfait transport Lyon → Grenoble', 1, 123_456, 2000, { unite: 'forfait' }),
];

function factureInput(overrides: Partial<Facture> = {}, contact: Contact = SOCIETE, entreprise: Entreprise = ENTREPRISE): PdfInput {
  return { entreprise, contact, document: { kind: 'facture', facture: facture({ lignes: LIGNES, ...overrides }) } };
}

async function render(input: PdfInput): Promise<{ bytes: Uint8Array; pages: string[]; text: string }> {
  const bytes = renderDocumentPdf(input);
  const pages = await pdfPages(bytes);
  return { bytes, pages, text: pages.join(' ') };
}

function expectAll(text: string, expected: readonly string[]): void {
  for (const fragment of expected) {
    expect(text, fragment).toContain(plain(fragment));
  }
}

function expectNone(text: string, unexpected: readonly string[]): void {
  for (const fragment of unexpected) {
    expect(text, fragment).not.toContain(plain(fragment));
  }
}

const SELLER = [
  'Transports Léon & Fils',
  'Relais Express',
  'SAS au capital de 50 000,00 €',
  '12 rue de la République',
  'Bâtiment C',
  '69002 Lyon',
  'SIREN : 123 456 789',
  'SIRET : 123 456 789 00012',
  'RCS Lyon 123 456 789',
  'TVA intracommunautaire : FR40123456789',
  'facturation@leon-transports.fr',
  'Tél. 04 72 00 00 00',
];

const BUSINESS_CUSTOMER = ['Boulangerie Française SARL', '3 place du Marché', '38000 Grenoble', 'SIREN : 987 654 321', 'TVA intracommunautaire : FR12987654321'];

const FOOTER = 'Membre d’une association agréée, le règlement par chèque est accepté.';

describe('renderDocumentPdf: invoice to a company, normal VAT, two rates, a discount', () => {
  it('prints the identities, the dates, the lines, the VAT breakdown, the totals and every mandatory mention', async () => {
    const { bytes, pages, text } = await render(factureInput());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(pages).toHaveLength(1);
    expectAll(text, [
      ...SELLER,
      ...BUSINESS_CUSTOMER,
      'FACTURE',
      'N° FA-2026-00012',
      "Date d'émission : 15/01/2026",
      'Date de la vente / prestation : 10/01/2026',
      "Date d'échéance : 14/02/2026",
      // Table header and lines.
      'Désignation Qté Unité PU HT Remise TVA Montant HT',
      'Location de hayon élévateur 3 jour 100,00 € 10 % 20 % 270,00 €',
      'Livraison de denrées alimentaires 2,5 kg 12,34 € 5,5 % 30,85 €',
      'Forfait transport Lyon → Grenoble 1 forfait 1 234,56 € 20 % 1 234,56 €',
      // VAT per rate (base, tax): 5,5 % of 30,85 = 1,70; 20 % of 1 504,56 = 300,91.
      'Détail de la TVA',
      '5,5 % 30,85 € 1,70 €',
      '20 % 1 504,56 € 300,91 €',
      'Total HT 1 535,41 €',
      'Total TVA 302,61 €',
      'Total TTC 1 838,02 €',
      // Mentions.
      'Conditions de paiement : 30 jours',
      "date d'échéance : 14/02/2026",
      // The notes of the reform (PMD, PMT, AAB), their legal defaults, as in the Factur-X XML.
      "Pénalités de retard : 12,15 % par an, exigibles dès le lendemain de l'échéance.",
      'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
      "Pas d'escompte pour paiement anticipé.",
      "Nature de l'opération : Prestation de services (cadre de facturation S1)",
      'IBAN : FR76 3000 6000 0112 3456 7890 189',
      'BIC : AGRIFRPP882',
      FOOTER,
      'Page 1 / 1',
    ]);
    expectNone(text, ['BROUILLON', '293 B', 'Autoliquidation', 'Bon pour accord', 'Avoir sur la facture', 'Adresse de livraison', 'débits']);
  });

  it('prints the reform mentions: delivery address when it differs, nature of the operation, VAT on debits, the notes overridden by the document', async () => {
    const livraison = { ligne1: 'Zone artisanale, quai 4', code_postal: '38100', ville: 'Grenoble' };
    const entreprise: Entreprise = {
      ...ENTREPRISE,
      nature_operation: 'biens',
      tva_sur_debits: true,
      mentions_facturation: { escompte: 'Escompte de 2 % pour paiement sous 8 jours' },
    };
    const { text } = await render(
      factureInput({ adresse_livraison: livraison, nature_operation: 'mixte', mentions_facturation: { penalites: 'Pénalités : trois fois le taux légal' } }, SOCIETE, entreprise),
    );
    expectAll(text, [
      'Adresse de livraison : Zone artisanale, quai 4, 38100 Grenoble',
      "Nature de l'opération : Livraison de biens et prestation de services (cadre de facturation M1)",
      "Option pour le paiement de la TVA d'après les débits.",
      'Pénalités : trois fois le taux légal.',
      'Escompte de 2 % pour paiement sous 8 jours.',
      'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
    ]);
    expectNone(text, ['12,15 % par an', "Pas d'escompte"]);
    // The company's own nature applies when the document has none; a delivery to the billing address is not printed.
    const same = await render(factureInput({ adresse_livraison: SOCIETE.adresse_facturation }, SOCIETE, entreprise));
    expectAll(same.text, ["Nature de l'opération : Livraison de biens (cadre de facturation B1)"]);
    expectNone(same.text, ['Adresse de livraison']);
    // No VAT charged, no option to mention.
    expectNone((await render(factureInput({ regime_tva: 'autoliquidation' }, SOCIETE, entreprise))).text, ['débits']);
  });

  it('prints each exempt line’s reason with the lines it covers, and VAT on debits as frozen on the validated invoice', async () => {
    const exportation = 'Exonération de TVA, article 262 I du CGI (exportation)';
    const lignes = [
      ligne('Transport Lyon → Genève', 1, 150_000, 0, { exoneration: exportation, exoneration_code: 'VATEX-EU-G' }),
      ligne('Transport Lyon → Bâle', 1, 90_000, 0, { exoneration: exportation, exoneration_code: 'VATEX-EU-G' }),
      ligne('Frais de dossier', 1, 2_500, 0, { exoneration: 'Exonération de TVA, article 261 du CGI' }),
      ligne('Débours', 1, 1_000, 0),
    ];
    const { text } = await render(factureInput({ lignes, tva_sur_debits: false }, SOCIETE, { ...ENTREPRISE, tva_sur_debits: true }));
    expectAll(text, [
      `${exportation} — lignes : Transport Lyon → Genève ; Transport Lyon → Bâle.`,
      'Exonération de TVA, article 261 du CGI — ligne : Frais de dossier.',
    ]);
    expectNone(text, ['Débours.', 'débits']);
    const frozenOn = await render(factureInput({ tva_sur_debits: true }, SOCIETE, { ...ENTREPRISE, tva_sur_debits: false }));
    expectAll(frozenOn.text, ["Option pour le paiement de la TVA d'après les débits."]);
  });

  it('prints exactly what documentTotals computes', async () => {
    const { text } = await render(factureInput({ lignes: realisticLines(15) }));
    const totals = documentTotals(realisticLines(15), 'normale');
    for (const amount of totals.lignes_ht) {
      expect(text).toContain(plain(formatEurosFr(amount)));
    }
    expectAll(text, [`Total HT ${formatEurosFr(totals.total_ht)}`, `Total TVA ${formatEurosFr(totals.total_tva)}`, `Total TTC ${formatEurosFr(totals.total_ttc)}`]);
  });

  it('gives a private customer the penalties but neither the 40 € indemnity nor the discount mention', async () => {
    const { text } = await render(factureInput({}, PARTICULIER));
    expectAll(text, ['CLIENT (PARTICULIER)', 'Françoise Dupré', '8 chemin des Écoliers', '74000 Annecy', 'Pénalités de retard : 12,15 % par an']);
    expectNone(text, ['40 €', "Pas d'escompte", 'SIREN : 987']);
  });

  it('prints the company without optional fields and a deposit invoice title', async () => {
    const bare: Entreprise = { ...ENTREPRISE, nom_commercial: undefined, forme_juridique: undefined, capital_social: undefined, siret: undefined, rcs_ville: undefined, tva_intracom: undefined, iban: undefined, bic: undefined, email: undefined, telephone: undefined, mentions: undefined, logo: undefined };
    const { bytes, text } = await render(factureInput({ type_facture: 'acompte', conditions_paiement: { jours: 45, fin_de_mois: true } }, SOCIETE, bare));
    expectAll(text, ["FACTURE D'ACOMPTE", 'SIREN : 123 456 789', 'Conditions de paiement : 45 jours fin de mois']);
    expectNone(text, ['RCS', 'SIRET', 'IBAN', 'au capital', 'FR40123456789', FOOTER]);
    expect(new TextDecoder('latin1').decode(bytes)).not.toContain('/Subtype /Image');
  });
});

describe('renderDocumentPdf: credit note', () => {
  it('cites the invoice it cancels, with negative amounts and no payment terms', async () => {
    const origine = facture({ lignes: LIGNES });
    const avoir = facture({
      id: 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      type_facture: 'avoir',
      numero: 'AV-2026-00003',
      date_facture: '2026-02-01',
      facture_origine_id: origine.id,
      motif: 'Erreur de tarif sur la location',
      lignes: [ligne('Location de hayon élévateur', -1, 10_000, 2000, { remise_bp: 1000, unite: 'jour' })],
    });
    const { text } = await render({ entreprise: ENTREPRISE, contact: SOCIETE, document: { kind: 'facture', facture: avoir, origine } });
    expectAll(text, [
      'AVOIR',
      'N° AV-2026-00003',
      "Date de l'avoir : 01/02/2026",
      'Avoir sur la facture N° FA-2026-00012 du 15/01/2026',
      'Motif : Erreur de tarif sur la location',
      'Location de hayon élévateur -1 jour 100,00 € 10 % 20 % -90,00 €',
      'Total HT -90,00 €',
      'Total TVA -18,00 €',
      'Total TTC -108,00 €',
      ...SELLER,
      ...BUSINESS_CUSTOMER,
    ]);
    expectNone(text, ['Pénalités', 'Conditions de paiement', "Date d'échéance"]);
  });
});

describe('renderDocumentPdf: VAT regimes', () => {
  it('franchise: "TVA non applicable, art. 293 B du CGI", no VAT at all', async () => {
    const franchise: Entreprise = { ...ENTREPRISE, regime_tva: 'franchise', tva_intracom: undefined };
    const { text } = await render(factureInput({ regime_tva: 'franchise' }, SOCIETE, franchise));
    expectAll(text, ['TVA non applicable, art. 293 B du CGI', 'Total HT 1 535,41 €', 'Net à payer 1 535,41 €', 'Location de hayon élévateur 3 jour 100,00 € 10 % — 270,00 €']);
    expectNone(text, ['Détail de la TVA', 'Total TVA', 'Total TTC', '20 %', '5,5 %', '302,61', 'Autoliquidation']);
  });

  it('autoliquidation: the mention, no VAT charged', async () => {
    const { text } = await render(factureInput({ regime_tva: 'autoliquidation' }));
    expectAll(text, ['Autoliquidation : la TVA est due par le preneur', 'Total HT 1 535,41 €', 'TVA (autoliquidation) 0,00 €', 'Net à payer HT 1 535,41 €']);
    expectNone(text, ['Détail de la TVA', 'Total TTC', '302,61', '293 B']);
  });
});

describe('renderDocumentPdf: quote', () => {
  it('prints its validity and a "Bon pour accord" box', async () => {
    const { text } = await render({ entreprise: ENTREPRISE, contact: SOCIETE, document: { kind: 'devis', devis: devis({ lignes: LIGNES }) } });
    expectAll(text, [
      'DEVIS',
      'N° DE-2026-00007',
      'Date du devis : 01/03/2026',
      'Valable jusqu’au : 31/03/2026',
      "Devis valable jusqu'au 31/03/2026",
      'Objet : Livraisons hebdomadaires — printemps 2026',
      'Bon pour accord',
      'Date :',
      'Signature, précédée de la mention « lu et approuvé »',
      'Total TTC 1 838,02 €',
      ...SELLER,
      ...BUSINESS_CUSTOMER,
    ]);
    expectNone(text, ['BROUILLON', 'FACTURE']);
  });

  it('names a quote without number by its date, never its id', async () => {
    const input: PdfInput = { entreprise: ENTREPRISE, contact: SOCIETE, document: { kind: 'devis', devis: devis({ numero: undefined, statut: 'brouillon', lignes: LIGNES }) } };
    const { text } = await render(input);
    expect(text).toContain('Brouillon du 01/03/2026');
    expect(text).not.toContain('D1E2F3A4');
    expect(documentPdfFileName(input)).toBe('Brouillon-du-01-03-2026.pdf');
  });
});

describe('renderDocumentPdf: draft invoice', () => {
  it('says BROUILLON on every page and names the draft by its date', async () => {
    const input = factureInput({ statut: 'brouillon', numero: undefined, date_facture: undefined, date_echeance: undefined, validee_le: undefined, lignes: realisticLines(60) });
    const { pages } = await render(input);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain('Brouillon du 15/01/2026');
    expect(pages.join(' ')).not.toContain('A1B2C3D4');
    for (const page of pages) {
      expect(page).toContain(plain('BROUILLON — document sans valeur légale'));
    }
    expect(pages.join(' ')).toContain('échéance fixée à la validation');
    expect(documentPdfFileName(input)).toBe('Brouillon-du-15-01-2026.pdf');
  });

  it('names a validated invoice after its number', () => {
    expect(documentPdfFileName(factureInput())).toBe('FA-2026-00012.pdf');
    expect(documentPdfFileName(factureInput({ numero: 'FA/2026/12' }))).toBe('FA-2026-12.pdf');
  });
});

describe('renderDocumentPdf: long invoice', () => {
  it('spreads 120 lines over several pages, header repeated, numbered, totals on the last page only', async () => {
    const lignes = realisticLines(120);
    const { pages, text } = await render(factureInput({ lignes }));
    const count = pages.length;
    expect(count).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} / ${count}`);
      expect(page).toContain('Désignation Qté Unité PU HT Remise TVA Montant HT');
      if (index > 0) {
        expect(page).toContain('FACTURE N° FA-2026-00012 — Transports Léon & Fils (suite)');
      }
    });
    for (let number = 1; number <= 120; number += 1) {
      expect(text).toContain(`tournée n° ${number} `);
    }
    const totals = documentTotals(lignes, 'normale');
    const last = pages[count - 1] ?? '';
    expect(last).toContain(plain(`Total TTC ${formatEurosFr(totals.total_ttc)}`));
    expect(last).toContain('Pénalités de retard : 12,15 % par an');
    for (const page of pages.slice(0, -1)) {
      expect(page).not.toContain('Total TTC');
    }
  });
});

describe('renderDocumentPdf: end of the document', () => {
  it('keeps totals, mentions and the approval box together on the last page, whatever the table length', async () => {
    for (let count = 14; count <= 32; count += 2) {
      const lignes = realisticLines(count);
      for (const input of [factureInput({ lignes }), { ...factureInput(), document: { kind: 'devis' as const, devis: devis({ lignes }) } }]) {
        const { pages } = await render(input);
        const last = pages[pages.length - 1] ?? '';
        expect(last, `${count} lines`).toContain('Total TTC');
        expect(last, `${count} lines`).toContain('Règlement par virement');
        if (input.document.kind === 'devis') {
          expect(last, `${count} lines`).toContain('Bon pour accord');
        }
      }
    }
    // Twenty documents rendered: seconds of work, more on a loaded machine.
  }, 30_000);
});

describe('renderDocumentPdf: text and images', () => {
  it('renders accents, œ and € as text', async () => {
    const { text } = await render(factureInput({ lignes: [ligne('Œuvre à façon : crème brûlée, pièce montée, cœur praliné — 1 € symbolique', 1, 100, 2000)] }));
    for (const character of ['é', 'è', 'à', 'ç', 'œ', 'Œ', '€', 'û', '—']) {
      expect(text).toContain(character);
    }
    expect(text).toContain('Œuvre à façon : crème brûlée, pièce montée, cœur praliné — 1 € symbolique');
  });

  it('covers the whole French alphabet and its punctuation with the embedded (subset) font', async () => {
    const french = 'àâäæçéèêëîïôöœùûüÿ ÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ « » ’ … € ° № ×';
    const { text } = await render(factureInput({ lignes: [ligne(french, 1, 100, 2000)] }));
    expect(text).toContain(plain(french));
  });

  it('embeds a PNG logo as an image XObject, aspect ratio kept', async () => {
    const bytes = renderDocumentPdf(factureInput());
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toContain('/Subtype /Image');
    const [image] = await paintedImages(bytes);
    // 64 × 32 px in a 60 × 24 mm box: 48 × 24 mm.
    expect(image?.width).toBeCloseTo((48 * 72) / 25.4, 1);
    expect(image?.height).toBeCloseTo((24 * 72) / 25.4, 1);
  });

  it('embeds a JPEG logo as it is (DCTDecode), aspect ratio kept', async () => {
    const bytes = renderDocumentPdf(factureInput({}, SOCIETE, { ...ENTREPRISE, logo: JPEG_LOGO }));
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toContain('/Subtype /Image');
    expect(raw).toContain('/DCTDecode');
    const [image] = await paintedImages(bytes);
    // 30 × 45 px in a 60 × 24 mm box: 16 × 24 mm.
    expect((image?.width ?? 0) / (image?.height ?? 1)).toBeCloseTo(30 / 45, 3);
    expect(image?.height).toBeCloseTo((24 * 72) / 25.4, 1);
  });

  it('still prints the invoice when the logo cannot be read', async () => {
    const { bytes, text } = await render(factureInput({}, SOCIETE, { ...ENTREPRISE, logo: 'data:image/png;base64,AAAAAAAAAAAA' }));
    expect(text).toContain('Total TTC 1 838,02 €');
    expect(new TextDecoder('latin1').decode(bytes)).not.toContain('/Subtype /Image');
  });
});
