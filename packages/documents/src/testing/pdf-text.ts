import { extractText, getDocumentProxy, getResolvedPDFJS } from 'unpdf';

// pdf.js decodes images with ArrayBuffer#transferToFixedLength (Node 21+); Node 20 gets a copying stand-in.
if (!('transferToFixedLength' in ArrayBuffer.prototype)) {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    value(this: ArrayBuffer, length?: number): ArrayBuffer {
      const size = length ?? this.byteLength;
      const copy = new ArrayBuffer(size);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(size, this.byteLength)));
      return copy;
    },
  });
}

/** The text of each page of a PDF, whitespace (no-break spaces included) collapsed to single spaces. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(bytes.slice());
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, ' ').trim());
}

/** Width and height (points) at which each image of page 1 is painted. */
export async function paintedImages(bytes: Uint8Array): Promise<{ width: number; height: number }[]> {
  const { OPS } = await getResolvedPDFJS();
  const pdf = await getDocumentProxy(bytes.slice());
  const page = await pdf.getPage(1);
  const operators = await page.getOperatorList();
  const images: { width: number; height: number }[] = [];
  let matrix: number[] = [1, 0, 0, 1, 0, 0];
  operators.fnArray.forEach((fn, index) => {
    const args = operators.argsArray[index] as unknown;
    if (fn === OPS.transform && Array.isArray(args)) {
      matrix = args as number[];
    }
    if (fn === OPS.paintImageXObject) {
      images.push({ width: Math.abs(matrix[0] ?? 0), height: Math.abs(matrix[3] ?? 0) });
    }
  });
  return images;
}

/** `1 234,56 €` as the extracted text shows it (no-break spaces collapsed). */
export function plain(text: string): string {
  return text.replace(/\s+/g, ' ');
}
