import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream } from '@cantoo/pdf-lib';

/** Every font dictionary of a PDF: its `/BaseFont` and whether its program is embedded (directly or in its descendant). */
export async function pdfFonts(bytes: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const embedded = (font: PDFDict): boolean => {
    const descriptor = font.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    if (descriptor !== undefined) {
      return ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.lookup(PDFName.of(key)) instanceof PDFStream);
    }
    const descendants = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray);
    if (descendants !== undefined) {
      return descendants.asArray().every((entry) => {
        const child = doc.context.lookup(entry);
        return child instanceof PDFDict && embedded(child);
      });
    }
    return false;
  };
  return doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Font'))
    .filter((font) => font.get(PDFName.of('Subtype')) !== PDFName.of('CIDFontType2'))
    .map((font) => ({ name: font.lookup(PDFName.of('BaseFont'))?.toString() ?? '?', embedded: embedded(font) }));
}
