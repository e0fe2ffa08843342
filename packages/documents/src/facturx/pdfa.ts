import { AFRelationship, ParseSpeeds, PDFDocument, PDFHeader, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { srgbIccBase64 } from './srgb-icc';

/** The name Factur-X requires for the embedded invoice. */
export const FACTURX_FILE_NAME = 'factur-x.xml';
/** The Factur-X profile Relais produces (the EN 16931 comfort profile). */
export const FACTURX_CONFORMANCE_LEVEL = 'EN 16931';
export const FACTURX_XMP_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

/** What the PDF says about itself (document information dictionary and XMP alike). */
export interface FacturXMeta {
  /** "FACTURE FA-2026-00012". */
  title: string;
  /** The seller, as named on the invoice. */
  author: string;
  subject?: string | undefined;
  /** When the Factur-X is made: creation and modification dates of the PDF and of the attachment. */
  date: Date;
  /** `Alternative` (the XML is the same invoice as the PDF, the usual choice for EN 16931) or `Data`. */
  relationship?: 'Alternative' | 'Data' | undefined;
}

const PRODUCER = 'Relais (jsPDF, pdf-lib)';
const CREATOR = 'Relais';

/** `2026-03-14T09:30:00Z`: seconds, UTC, as the information dictionary (`D:20260314093000Z`) says it too. */
function xmpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) {
    bytes[index] = binary.charCodeAt(index);
  }
  return bytes;
}

let srgbProfile: Uint8Array | undefined;
function srgbIcc(): Uint8Array {
  srgbProfile ??= base64ToBytes(srgbIccBase64);
  return srgbProfile;
}

/** 16 bytes naming this document: a digest of its XML and title where Web Crypto is there, random bytes otherwise (plain-HTTP pages). */
async function documentId(xml: Uint8Array, title: string): Promise<string> {
  const subtle = globalThis.crypto.subtle as SubtleCrypto | undefined;
  let bytes: Uint8Array;
  if (subtle !== undefined) {
    const titled = new Uint8Array(xml.length + title.length * 3);
    titled.set(xml);
    const encoded = new TextEncoder().encodeInto(title, titled.subarray(xml.length));
    bytes = new Uint8Array(await subtle.digest('SHA-256', titled.subarray(0, xml.length + encoded.written))).subarray(0, 16);
  } else {
    bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  }
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase();
}

function property(seq: XMLBuilder, name: string, description: string): void {
  seq
    .ele('rdf:li', { 'rdf:parseType': 'Resource' })
    .ele('pdfaProperty:name').txt(name).up()
    .ele('pdfaProperty:valueType').txt('Text').up()
    .ele('pdfaProperty:category').txt('external').up()
    .ele('pdfaProperty:description').txt(description);
}

function alt(parent: XMLBuilder, name: string, text: string): void {
  parent.ele(name).ele('rdf:Alt').ele('rdf:li', { 'xml:lang': 'x-default' }).txt(text);
}

/**
 * The XMP packet of a Factur-X: PDF/A-3B identification, Dublin Core / PDF / XMP basics mirroring
 * the information dictionary (PDF/A wants both to agree), the Factur-X properties and the PDF/A
 * extension schema that declares them.
 */
export function facturXXmp(meta: FacturXMeta): string {
  const date = xmpDate(meta.date);
  const root = create().ins('xpacket', 'begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"');
  const rdf = root.ele('x:xmpmeta', { 'xmlns:x': 'adobe:ns:meta/' }).ele('rdf:RDF', { 'xmlns:rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' });
  rdf
    .ele('rdf:Description', { 'rdf:about': '', 'xmlns:pdfaid': 'http://www.aiim.org/pdfa/ns/id/' })
    .ele('pdfaid:part').txt('3').up()
    .ele('pdfaid:conformance').txt('B');
  const dc = rdf.ele('rdf:Description', { 'rdf:about': '', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' });
  dc.ele('dc:format').txt('application/pdf');
  alt(dc, 'dc:title', meta.title);
  dc.ele('dc:creator').ele('rdf:Seq').ele('rdf:li').txt(meta.author);
  if (meta.subject !== undefined) {
    alt(dc, 'dc:description', meta.subject);
  }
  rdf
    .ele('rdf:Description', { 'rdf:about': '', 'xmlns:pdf': 'http://ns.adobe.com/pdf/1.3/' })
    .ele('pdf:Producer').txt(PRODUCER);
  rdf
    .ele('rdf:Description', { 'rdf:about': '', 'xmlns:xmp': 'http://ns.adobe.com/xap/1.0/' })
    .ele('xmp:CreatorTool').txt(CREATOR).up()
    .ele('xmp:CreateDate').txt(date).up()
    .ele('xmp:ModifyDate').txt(date).up()
    .ele('xmp:MetadataDate').txt(date);
  const schema = rdf
    .ele('rdf:Description', {
      'rdf:about': '',
      'xmlns:pdfaExtension': 'http://www.aiim.org/pdfa/ns/extension/',
      'xmlns:pdfaSchema': 'http://www.aiim.org/pdfa/ns/schema#',
      'xmlns:pdfaProperty': 'http://www.aiim.org/pdfa/ns/property#',
    })
    .ele('pdfaExtension:schemas')
    .ele('rdf:Bag')
    .ele('rdf:li', { 'rdf:parseType': 'Resource' });
  schema.ele('pdfaSchema:schema').txt('Factur-X PDFA Extension Schema');
  schema.ele('pdfaSchema:namespaceURI').txt(FACTURX_XMP_NAMESPACE);
  schema.ele('pdfaSchema:prefix').txt('fx');
  const properties = schema.ele('pdfaSchema:property').ele('rdf:Seq');
  property(properties, 'DocumentFileName', 'Name of the embedded XML invoice file');
  property(properties, 'DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER');
  property(properties, 'Version', 'The actual version of the Factur-X XML schema');
  property(properties, 'ConformanceLevel', 'The conformance level of the embedded Factur-X data');
  rdf
    .ele('rdf:Description', { 'rdf:about': '', 'xmlns:fx': FACTURX_XMP_NAMESPACE })
    .ele('fx:DocumentType').txt('INVOICE').up()
    .ele('fx:DocumentFileName').txt(FACTURX_FILE_NAME).up()
    .ele('fx:Version').txt('1.0').up()
    .ele('fx:ConformanceLevel').txt(FACTURX_CONFORMANCE_LEVEL);
  root.ins('xpacket', 'end="w"');
  return root.end({ headless: true, prettyPrint: true });
}

/**
 * Turns the visual PDF of a validated invoice, deposit invoice or credit note into a Factur-X
 * (PDF/A-3B): `xml` (the CII invoice) attached as `factur-x.xml` and listed in the catalog's `/AF`,
 * the XMP metadata above, an sRGB output intent, a document ID. The fonts must already be embedded
 * (`renderDocumentPdf` embeds Inter and lists no other font). Runs in the browser and in Node.
 */
export async function embedFacturX(pdf: Uint8Array, xml: string, meta: FacturXMeta): Promise<Uint8Array> {
  // pdf-lib yields to the event loop every few objects by default: a one-page invoice needs no such pauses.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const xmlBytes = new TextEncoder().encode(xml);
  const date = new Date(Math.floor(meta.date.getTime() / 1000) * 1000);

  doc.context.header = PDFHeader.forVersion(1, 7);
  await doc.attach(xmlBytes, FACTURX_FILE_NAME, {
    mimeType: 'text/xml',
    description: 'Factur-X (CII, EN 16931)',
    creationDate: date,
    modificationDate: date,
    afRelationship: meta.relationship === 'Data' ? AFRelationship.Data : AFRelationship.Alternative,
  });

  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  if (meta.subject !== undefined) {
    doc.setSubject(meta.subject);
  }
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('fr-FR');

  const profile = srgbIcc();
  const profileRef = doc.context.register(doc.context.flateStream(profile, { N: 3 }));
  const intent = doc.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: profileRef,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), doc.context.obj([doc.context.register(intent)]));

  // PDF/A-1 forbids filters on the metadata stream and later parts allow none usefully: stored as plain UTF-8.
  const xmp = new TextEncoder().encode(facturXXmp({ ...meta, date }));
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length })));

  const id = PDFHexString.of(await documentId(xmlBytes, meta.title));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);

  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
