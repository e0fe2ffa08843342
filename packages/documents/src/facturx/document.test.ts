import { describe, expect, it } from 'vitest';
import type { Contact, Entreprise, Facture } from '@relais/schema';
import { DRAFT_NOTICE, renderDocumentPdf, type PdfInput } from '../pdf';
import { ENTREPRISE, PARTICULIER, SOCIETE, devis, facture, ligne, realisticLines } from '../testing/fixtures';
import { pdfFonts } from '../testing/pdf-objects';
import { pdfPages, plain } from '../testing/pdf-text';
import { documentFacturXml, documentXmlFileName, isFacturXDocument, renderDocumentFile } from './document';
import { readFacturX } from './read';

function input(overrides: Partial<Facture> = {}, contact: Contact = SOCIETE, entreprise: Entreprise = ENTREPRISE): PdfInput {
  return { entreprise, contact, document: { kind: 'facture', facture: facture({ lignes: realisticLines(4), ...overrides }) } };
}

async function text(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join(' ');
}

function expectAll(haystack: string, fragments: readonly string[]): void {
  for (const fragment of fragments) {
    expect(haystack, fragment).toContain(plain(fragment));
  }
}

/** The XML as a string, for the checks that read it (the byte comparison is done on bytes). */
function decoded(bytes: Uint8Array | undefined): string {
  return new TextDecoder().decode(bytes);
}

// Several renders and text extractions per test: a budget for a loaded machine, not a speed check.
describe('renderDocumentFile', { timeout: 60_000 }, () => {
  it('gives a validated invoice as Factur-X: its own CII XML embedded byte for byte, PDF/A-3 metadata, every mention still printed', async () => {
    const livraison = { ligne1: 'Entrepôt Nord, porte 3', code_postal: '38100', ville: 'Grenoble' };
    const entreprise: Entreprise = { ...ENTREPRISE, tva_sur_debits: true, nature_operation: 'mixte' };
    const document = input({ adresse_livraison: livraison }, SOCIETE, entreprise);
    const bytes = await renderDocumentFile(document);
    const content = await readFacturX(bytes);
    const xml = documentFacturXml(document);
    expect(Buffer.from(content?.xml ?? []).equals(Buffer.from(new TextEncoder().encode(xml)))).toBe(true);
    expect(decoded(content?.xml)).toContain('FA-2026-00012');
    expect(content?.relationship).toBe('Alternative');
    expect(content?.listedInAF).toBe(true);
    expect(content?.xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(content?.xmp).toContain('>Facture FA-2026-00012</rdf:li>');
    expect(content?.outputIntents).toEqual([{ subtype: 'GTS_PDFA1', withProfile: true }]);
    expect((await pdfFonts(bytes)).every((font) => font.embedded)).toBe(true);
    expectAll(await text(bytes), [
      'FACTURE',
      'N° FA-2026-00012',
      'SIREN : 123 456 789',
      // The customer's SIREN (a business), the delivery address, the nature of the operation.
      'SIREN : 987 654 321',
      'Adresse de livraison : Entrepôt Nord, porte 3, 38100 Grenoble',
      "Nature de l'opération : Livraison de biens et prestation de services (cadre de facturation M1)",
      "Option pour le paiement de la TVA d'après les débits.",
      // PMD, PMT, AAB.
      "Pénalités de retard : 12,15 % par an, exigibles dès le lendemain de l'échéance.",
      'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
      "Pas d'escompte pour paiement anticipé.",
      'IBAN : FR76 3000 6000 0112 3456 7890 189',
    ]);
    // The same document always gives the same file (dated by its validation).
    expect(Buffer.from(await renderDocumentFile(document)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('gives deposit invoices and credit notes as Factur-X too, with the mentions of their regime', async () => {
    const acompte = await renderDocumentFile(input({ type_facture: 'acompte', numero: 'FA-2026-00013' }));
    expect(decoded((await readFacturX(acompte))?.xml)).toContain('FA-2026-00013');
    expectAll(await text(acompte), ["FACTURE D'ACOMPTE"]);

    const origine = facture({ lignes: realisticLines(2) });
    const avoirInput: PdfInput = {
      entreprise: ENTREPRISE,
      contact: SOCIETE,
      document: {
        kind: 'facture',
        facture: facture({ id: 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', type_facture: 'avoir', numero: 'AV-2026-00002', facture_origine_id: origine.id, lignes: [ligne('Remise commerciale', -1, 5_000, 2000)] }),
        origine,
      },
    };
    const avoir = await renderDocumentFile(avoirInput);
    expect(decoded((await readFacturX(avoir))?.xml)).toContain('AV-2026-00002');
    expectAll(await text(avoir), ['AVOIR', 'Avoir sur la facture N° FA-2026-00012 du 15/01/2026']);

    const franchise: Entreprise = { ...ENTREPRISE, regime_tva: 'franchise', tva_intracom: undefined };
    const exempt = await renderDocumentFile(input({ regime_tva: 'franchise' }, PARTICULIER, franchise));
    expect(await readFacturX(exempt)).toBeDefined();
    expectAll(await text(exempt), ['TVA non applicable, art. 293 B du CGI', 'CLIENT (PARTICULIER)']);

    const reverse = await renderDocumentFile(input({ regime_tva: 'autoliquidation' }));
    expect(await readFacturX(reverse)).toBeDefined();
    expectAll(await text(reverse), ['Autoliquidation : la TVA est due par le preneur']);
  });

  it('keeps drafts and quotes plain: no attachment, the draft notice printed, no XML to download', async () => {
    const draft = input({ statut: 'brouillon', numero: undefined, date_facture: undefined, date_echeance: undefined, validee_le: undefined });
    expect(isFacturXDocument(draft)).toBe(false);
    const bytes = await renderDocumentFile(draft);
    expect(await readFacturX(bytes)).toBeUndefined();
    expect(await pdfPages(bytes)).toEqual(await pdfPages(renderDocumentPdf(draft)));
    expectAll(await text(bytes), [DRAFT_NOTICE]);
    expect(() => documentFacturXml(draft)).toThrow(/validé et numéroté/);

    const quote: PdfInput = { entreprise: ENTREPRISE, contact: SOCIETE, document: { kind: 'devis', devis: devis() } };
    expect(isFacturXDocument(quote)).toBe(false);
    expect(await readFacturX(await renderDocumentFile(quote))).toBeUndefined();
  });

  it('names the XML after the document number', () => {
    expect(documentXmlFileName(input())).toBe('FA-2026-00012-factur-x.xml');
  });
});
