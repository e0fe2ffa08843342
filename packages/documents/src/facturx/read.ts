import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, PDFString, PDFHexString, decodePDFRawStream } from '@cantoo/pdf-lib';
import { FACTURX_FILE_NAME } from './pdfa';

/** What a Factur-X holds besides its pages: the embedded invoice and how the PDF declares it. */
export interface FacturXContent {
  /** The bytes of `factur-x.xml`, as embedded. */
  xml: Uint8Array;
  /** `/AFRelationship` of its file specification (`Alternative`, `Data`…). */
  relationship: string | undefined;
  /** `/Subtype` of the embedded file (`text/xml`). */
  mimeType: string | undefined;
  /** Whether the catalog's `/AF` lists it (PDF/A-3 associated file). */
  listedInAF: boolean;
  /** The XMP packet of the catalog, decoded as UTF-8. */
  xmp: string | undefined;
  /** `/S` of each output intent and whether it carries an ICC profile. */
  outputIntents: { subtype: string; withProfile: boolean }[];
  /** `%PDF-1.7` */
  header: string;
}

function text(value: unknown): string | undefined {
  if (value instanceof PDFName) {
    return value.decodeText();
  }
  if (value instanceof PDFString || value instanceof PDFHexString) {
    return value.decodeText();
  }
  return undefined;
}

function streamBytes(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
}

/**
 * The Factur-X part of a PDF (a received invoice, or one Relais made), `undefined` when it embeds
 * no `factur-x.xml`. Runs in the browser and in Node.
 */
export async function readFacturX(pdf: Uint8Array): Promise<FacturXContent | undefined> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { catalog } = doc;
  const af = catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  const specs = (af?.asArray() ?? []).map((entry) => doc.context.lookup(entry)).filter((entry): entry is PDFDict => entry instanceof PDFDict);
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('Names'), PDFArray)?.asArray() ?? [];
  for (let index = 1; index < tree.length; index += 2) {
    const spec = doc.context.lookup(tree[index]);
    if (spec instanceof PDFDict && !specs.includes(spec)) {
      specs.push(spec);
    }
  }
  const spec = specs.find((entry) => text(entry.lookup(PDFName.of('UF'))) === FACTURX_FILE_NAME || text(entry.lookup(PDFName.of('F'))) === FACTURX_FILE_NAME);
  const file = spec?.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
  if (spec === undefined || !(file instanceof PDFStream)) {
    return undefined;
  }
  const metadata = catalog.lookup(PDFName.of('Metadata'));
  const intents = catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)?.asArray() ?? [];
  return {
    xml: streamBytes(file),
    relationship: text(spec.lookup(PDFName.of('AFRelationship'))),
    mimeType: text(file.dict.lookup(PDFName.of('Subtype'))),
    listedInAF: af?.asArray().some((entry) => doc.context.lookup(entry) === spec) ?? false,
    xmp: metadata instanceof PDFStream ? new TextDecoder().decode(streamBytes(metadata)) : undefined,
    outputIntents: intents
      .map((entry) => doc.context.lookup(entry))
      .filter((entry): entry is PDFDict => entry instanceof PDFDict)
      .map((intent) => ({ subtype: text(intent.lookup(PDFName.of('S'))) ?? '', withProfile: intent.lookup(PDFName.of('DestOutputProfile')) instanceof PDFStream })),
    header: new TextDecoder('latin1').decode(pdf.subarray(0, 8)),
  };
}
