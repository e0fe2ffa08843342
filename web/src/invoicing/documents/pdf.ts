import type { PdfInput } from '@relais/documents';

export interface RenderedPdf {
  url: string;
  fileName: string;
  size: number;
}

function rendered(bytes: Uint8Array, type: string, fileName: string): RenderedPdf {
  const blob = new Blob([bytes.slice().buffer], { type });
  return { url: URL.createObjectURL(blob), fileName, size: bytes.byteLength };
}

/**
 * The document's PDF as a blob URL, from `@relais/documents` loaded on first use (jsPDF, pdf-lib and
 * the fonts stay out of the main bundle): a Factur-X for a validated invoice, deposit invoice or
 * credit note, the plain PDF (with the draft notice) otherwise. Made on this device, offline too.
 * The caller revokes the URL when done.
 */
export async function renderPdf(input: PdfInput): Promise<RenderedPdf> {
  const { documentPdfFileName, renderDocumentFile } = await import('@relais/documents');
  return rendered(await renderDocumentFile(input), 'application/pdf', documentPdfFileName(input));
}

/** The Factur-X XML (CII, EN 16931) of a validated invoice, deposit invoice or credit note, as a blob URL. */
export async function renderXml(input: PdfInput): Promise<RenderedPdf> {
  const { documentFacturXml, documentXmlFileName } = await import('@relais/documents');
  return rendered(new TextEncoder().encode(documentFacturXml(input)), 'application/xml', documentXmlFileName(input));
}

/** Saves the file through a temporary link (`download` attribute). */
export function downloadPdf(pdf: RenderedPdf): void {
  const link = document.createElement('a');
  link.href = pdf.url;
  link.download = pdf.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
