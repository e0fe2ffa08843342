import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { renderDocumentPdf, type PdfInput } from '../pdf';
import { ENTREPRISE, SOCIETE, facture, realisticLines } from '../testing/fixtures';
import { pdfFonts } from '../testing/pdf-objects';
import { pdfPages } from '../testing/pdf-text';
import { FACTURX_FILE_NAME, embedFacturX, facturXXmp, type FacturXMeta } from './pdfa';
import { readFacturX } from './read';

const INPUT: PdfInput = { entreprise: ENTREPRISE, contact: SOCIETE, document: { kind: 'facture', facture: facture({ lignes: realisticLines(3) }) } };

// Any XML will do for the embedding: non-ASCII and a long body so that byte identity means something.
const XML = create({ version: '1.0', encoding: 'UTF-8' })
  .ele('rsm:CrossIndustryInvoice', { 'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100' })
  .ele('rsm:ExchangedDocument')
  .ele('ram:ID', { 'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100' })
  .txt('FA-2026-00012 — Boulangerie Française « test » & Cie')
  .up()
  .up()
  .ele('rsm:Filler')
  .txt('é€œ'.repeat(2000))
  .end({ prettyPrint: true });

const META: FacturXMeta = {
  title: 'FACTURE FA-2026-00012',
  author: ENTREPRISE.raison_sociale,
  subject: 'FACTURE FA-2026-00012 — Boulangerie Française SARL',
  date: new Date('2026-01-15T10:20:30.456Z'),
};

/** The text of the first `tag` element of an XMP packet (the packet is ours: one element per name). */
function xmpValue(xmp: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xmp);
  return match?.[1];
}

describe('embedFacturX', { timeout: 60_000 }, () => {
  it('attaches the XML byte for byte as factur-x.xml, an Alternative associated file listed in the catalog /AF', async () => {
    const plain = renderDocumentPdf(INPUT);
    expect(await readFacturX(plain)).toBeUndefined();
    const pdf = await embedFacturX(plain, XML, META);
    const content = await readFacturX(pdf);
    expect(content).toBeDefined();
    expect(Buffer.from(content?.xml ?? []).equals(Buffer.from(new TextEncoder().encode(XML)))).toBe(true);
    expect(content?.relationship).toBe('Alternative');
    expect(content?.listedInAF).toBe(true);
    expect(content?.mimeType).toBe('text/xml');
    expect(content?.header).toBe('%PDF-1.7');
  });

  it('honours the Data relationship when asked', async () => {
    const pdf = await embedFacturX(renderDocumentPdf(INPUT), XML, { ...META, relationship: 'Data' });
    expect((await readFacturX(pdf))?.relationship).toBe('Data');
  });

  it('writes the Factur-X and PDF/A-3B identification into the XMP, mirroring the information dictionary', async () => {
    const pdf = await embedFacturX(renderDocumentPdf(INPUT), XML, META);
    const xmp = (await readFacturX(pdf))?.xmp ?? '';
    expect(xmp.startsWith('<?xpacket begin="\uFEFF"')).toBe(true);
    expect(xmp.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(xmpValue(xmp, 'fx:DocumentType')).toBe('INVOICE');
    expect(xmpValue(xmp, 'fx:DocumentFileName')).toBe(FACTURX_FILE_NAME);
    expect(xmpValue(xmp, 'fx:Version')).toBe('1.0');
    expect(xmpValue(xmp, 'fx:ConformanceLevel')).toBe('EN 16931');
    expect(xmpValue(xmp, 'pdfaid:part')).toBe('3');
    expect(xmpValue(xmp, 'pdfaid:conformance')).toBe('B');
    // The extension schema declares the fx namespace and its four properties.
    expect(xmpValue(xmp, 'pdfaSchema:namespaceURI')).toBe('urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#');
    expect(xmpValue(xmp, 'pdfaSchema:prefix')).toBe('fx');
    const declared = [...xmp.matchAll(/<pdfaProperty:name>([^<]*)<\/pdfaProperty:name>/g)].map((match) => match[1]);
    expect(declared.sort()).toEqual(['ConformanceLevel', 'DocumentFileName', 'DocumentType', 'Version']);
    // Same title, author, dates as the information dictionary (seconds, UTC).
    expect(xmp).toContain('FACTURE FA-2026-00012</rdf:li>');
    expect(xmp).toContain('Transports Léon &amp; Fils</rdf:li>');
    expect(xmpValue(xmp, 'xmp:CreateDate')).toBe('2026-01-15T10:20:30Z');
    const { PDFDocument } = await import('@cantoo/pdf-lib');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe(META.title);
    expect(doc.getAuthor()).toBe(META.author);
    expect(doc.getProducer()).toBe(xmpValue(xmp, 'pdf:Producer'));
    expect(doc.getCreator()).toBe(xmpValue(xmp, 'xmp:CreatorTool'));
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-01-15T10:20:30.000Z');
    expect(doc.context.trailerInfo.ID?.toString()).toMatch(/^\[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]$/);
  });

  it('escapes what the seller typed into the XMP (no markup injection)', () => {
    const xmp = facturXXmp({ ...META, author: 'A <b>&</b> "B"' });
    expect(xmp).toContain('A &lt;b&gt;&amp;&lt;/b&gt; "B"');
  });

  it('adds an sRGB output intent with its ICC profile, and keeps only embedded fonts', async () => {
    const pdf = await embedFacturX(renderDocumentPdf(INPUT), XML, META);
    expect((await readFacturX(pdf))?.outputIntents).toEqual([{ subtype: 'GTS_PDFA1', withProfile: true }]);
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
  });

  it('leaves the pages as they were: the same text is read back', async () => {
    const plain = renderDocumentPdf(INPUT);
    const pdf = await embedFacturX(plain, XML, META);
    expect(await pdfPages(pdf)).toEqual(await pdfPages(plain));
  });
});
