import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCiiXml, type FacturXInput } from '@relais/documents';
import { facturXCase, facturXCases } from '@relais/documents/testing/facturx-cases';
import { documentTotals, exemptOperationIssue, type ExemptOperationIssue } from '@relais/domain';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { einvoicingAbsent, ensureValidators, fatal, runSchematron, validateSchema, type FailedAssert } from './support/einvoicing';

/**
 * Issue 17: every kind of document Relais issues passes, with zero fatal failed assertion, the
 * Factur-X EN 16931 XSD and Schematron and the French reform's rules (BR-FR), run with the official
 * files; and the validators do reject an invoice missing what the reform requires.
 */

function without(xml: string, remove: (doc: XMLBuilder) => XMLBuilder | undefined): string {
  const doc = create(xml);
  const node = remove(doc);
  if (node === undefined) {
    throw new Error('nœud à retirer introuvable');
  }
  node.remove();
  return doc.end({ prettyPrint: true });
}

function named(doc: XMLBuilder, name: string, where: (node: XMLBuilder) => boolean = () => true): XMLBuilder | undefined {
  return doc.find((node) => node.node.nodeName === name && where(node), true, true);
}

function text(node: XMLBuilder, child: string): string | undefined {
  return named(node, child)?.node.textContent ?? undefined;
}

const mutations: Record<string, { from: string; remove: (doc: XMLBuilder) => XMLBuilder | undefined; expected: RegExp }> = {
  'sans-siren-acheteur': {
    from: 'un-taux',
    remove: (doc) => named(doc, 'ram:BuyerTradeParty', () => true)?.find((node) => node.node.nodeName === 'ram:SpecifiedLegalOrganization', true, true),
    expected: /BR-FR-11/,
  },
  'sans-ligne-de-tva': {
    from: 'plusieurs-taux-remises',
    remove: (doc) =>
      named(doc, 'ram:ApplicableTradeTax', (node) => node.up().node.nodeName === 'ram:ApplicableHeaderTradeSettlement'),
    expected: /BR-CO-|BR-S-|BR-45|BR-CO-14/,
  },
  // What validation now refuses (CONTACT_SANS_ADRESSE_ELECTRONIQUE): the buyer without any electronic address.
  'sans-adresse-electronique-acheteur': {
    from: 'client-etranger-tva-seule',
    remove: (doc) => named(doc, 'ram:BuyerTradeParty', () => true)?.find((node) => node.node.nodeName === 'ram:URIUniversalCommunication', true, true),
    expected: /BR-FR-12/,
  },
  'sans-mention-pmt': {
    from: 'un-taux',
    remove: (doc) => named(doc, 'ram:IncludedNote', (node) => text(node, 'ram:SubjectCode') === 'PMT'),
    expected: /BR-FR-05_BT-22_PMT/,
  },
};

/**
 * What validation refuses of an export (G) or an intra-community supply (K), as the documents it
 * keeps as drafts: each one's XML, were it issued, fails the official rule named.
 */
const refusals: Record<string, { input: FacturXInput; code: ExemptOperationIssue['code']; expected: RegExp }> = (() => {
  const supply = facturXCase('livraison-intracommunautaire');
  const exportation = facturXCase('export-hors-ue');
  return {
    'livraison-ue-sans-tva-client': { input: { ...supply, contact: { ...supply.contact, tva_intracom: undefined } }, code: 'LIVRAISON_UE_SANS_TVA_CLIENT', expected: /BR-IC-02/ },
    'livraison-ue-sans-tva-entreprise': {
      input: { ...supply, entreprise: { ...supply.entreprise, tva_intracom: undefined } },
      code: 'LIVRAISON_UE_SANS_TVA_ENTREPRISE',
      expected: /BR-IC-02/,
    },
    'livraison-ue-sans-date': { input: { ...supply, facture: { ...supply.facture, date_prestation: undefined } }, code: 'LIVRAISON_UE_SANS_DATE', expected: /BR-IC-11/ },
    'export-sans-tva-entreprise': {
      input: { ...exportation, entreprise: { ...exportation.entreprise, tva_intracom: undefined } },
      code: 'EXPORT_SANS_TVA_ENTREPRISE',
      expected: /BR-G-02/,
    },
  };
})();

describe.skipIf(einvoicingAbsent !== undefined)('Factur-X EN 16931 validated by the official files', () => {
  let dir = '';
  const xml = new Map<string, string>();
  let schema = new Map<string, string | undefined>();
  const reports = new Map<string, FailedAssert[]>();

  beforeAll(() => {
    ensureValidators();
    dir = mkdtempSync(join(tmpdir(), 'relais-facturx-'));
    const input = join(dir, 'in');
    for (const [name, facturx] of Object.entries(facturXCases)) {
      xml.set(name, buildCiiXml(facturx));
    }
    for (const [name, mutation] of Object.entries(mutations)) {
      xml.set(name, without(xml.get(mutation.from) ?? '', mutation.remove));
    }
    for (const [name, refusal] of Object.entries(refusals)) {
      xml.set(name, buildCiiXml(refusal.input));
    }
    mkdirSync(input);
    for (const [name, content] of xml) {
      writeFileSync(join(input, `${name}.xml`), content);
    }
    schema = validateSchema(input);
    // One Java run per stylesheet over the whole directory: the JVM start-up dominates.
    for (const stylesheet of ['facturx-en16931', 'en16931', 'br-fr'] as const) {
      for (const [file, asserts] of runSchematron(stylesheet, input, join(dir, stylesheet))) {
        const name = file.replace(/\.xml$/, '');
        reports.set(name, [...(reports.get(name) ?? []), ...asserts.map((assert) => ({ ...assert, id: `${stylesheet}:${assert.id}` }))]);
      }
    }
  });

  afterAll(() => {
    if (dir !== '') {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('covers the eleven cases of issue 17, the three of its left-outs (exempt lines with their reasons, a foreign buyer known by its VAT number), an export, an intra-community supply and both next to standard-rated lines', () => {
    expect(Object.keys(facturXCases)).toHaveLength(17);
  });

  for (const name of Object.keys(facturXCases)) {
    it(`${name}: the XSD, the EN 16931 Schematron and the BR-FR rules accept it`, () => {
      expect(schema.get(`${name}.xml`), 'xmllint --schema').toBeUndefined();
      const failures = fatal(reports.get(name) ?? []);
      expect(failures.map((failure) => `${failure.id} ${failure.text}`)).toEqual([]);
    });
  }

  it('the VAT breakdown and totals are the domain totals function’s', () => {
    for (const [name, facturx] of Object.entries(facturXCases)) {
      const doc = create(xml.get(name) ?? '');
      const lignes =
        facturx.facture.type_facture === 'avoir' ? facturx.facture.lignes.map((l) => ({ ...l, quantite: -l.quantite })) : facturx.facture.lignes;
      const billed = lignes.filter((l) => facturx.facture.type_facture !== 'facture' || l.acompte_facture_id === undefined);
      const totals = documentTotals(billed, facturx.facture.regime_tva);
      const payable = documentTotals(lignes, facturx.facture.regime_tva).total_ttc;
      const taxes = doc.filter((node) => node.node.nodeName === 'ram:ApplicableTradeTax' && node.up().node.nodeName === 'ram:ApplicableHeaderTradeSettlement', true, true);
      const cents = (value: string | undefined) => Math.round(Number(value) * 100);
      const standard = taxes
        .filter((tax) => text(tax, 'ram:CategoryCode') === 'S')
        .map((tax) => ({ rate: cents(text(tax, 'ram:RateApplicablePercent')), base: cents(text(tax, 'ram:BasisAmount')), tax: cents(text(tax, 'ram:CalculatedAmount')) }));
      const expectedStandard = facturx.facture.regime_tva === 'normale' ? totals.tva.filter((entry) => entry.taux_tva_bp > 0) : [];
      expect(standard, name).toEqual(expectedStandard.map((entry) => ({ rate: entry.taux_tva_bp, base: entry.base_ht, tax: entry.montant_tva })));
      expect(taxes.reduce((sum, tax) => sum + cents(text(tax, 'ram:BasisAmount')), 0), name).toBe(totals.total_ht);
      expect(cents(text(doc, 'ram:TaxTotalAmount')), name).toBe(totals.total_tva);
      expect(cents(text(doc, 'ram:GrandTotalAmount')), name).toBe(totals.total_ttc);
      // What is left to pay is the PDF's total: the deposits already invoiced are prepaid.
      expect(cents(text(doc, 'ram:DuePayableAmount')), name).toBe(facturx.facture.type_facture === 'avoir' ? -documentTotals(facturx.facture.lignes, facturx.facture.regime_tva).total_ttc : payable);
    }
  });

  for (const [name, mutation] of Object.entries(mutations)) {
    it(`${name}: the validators reject it`, () => {
      const failures = fatal(reports.get(name) ?? []);
      expect(failures.length, `${name} passe les validateurs`).toBeGreaterThan(0);
      expect(failures.map((failure) => `${failure.id} ${failure.text}`).join('\n')).toMatch(mutation.expected);
    });
  }

  for (const [name, refusal] of Object.entries(refusals)) {
    it(`${name}: validation keeps it as a draft (${refusal.code}), and the validators reject its XML`, () => {
      const { facture, entreprise, contact } = refusal.input;
      expect(exemptOperationIssue(facture, entreprise, contact)?.code).toBe(refusal.code);
      const failures = fatal(reports.get(name) ?? []);
      expect(failures.map((failure) => `${failure.id} ${failure.text}`).join('\n')).toMatch(refusal.expected);
    });
  }

  it('the export and intra-community cases are accepted by the same rule that refuses the others', () => {
    for (const name of ['export-hors-ue', 'livraison-intracommunautaire', 'mixte-standard-intracommunautaire', 'exoneration-export', 'exonerations-mixtes']) {
      const { facture, entreprise, contact } = facturXCase(name);
      expect(exemptOperationIssue(facture, entreprise, contact), name).toBeUndefined();
    }
  });
});

describe.skipIf(einvoicingAbsent === undefined)('Factur-X validation files', () => {
  it.skip(einvoicingAbsent ?? '', () => undefined);
});
