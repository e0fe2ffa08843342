import type { PdfInput } from '@relais/documents';

export interface RenderedPdf {
  url: string;
  fileName: string;
  size: number;
}

/**
 * The document's PDF as a blob URL, from `@relais/documents` loaded on first use (jsPDF and its fonts
 * stay out of the main bundle). The caller revokes the URL when done.
 */
export async function renderPdf(input: PdfInput): Promise<RenderedPdf> {
  const { documentPdfFileName, renderDocumentPdf } = await import('@relais/documents');
  const bytes = renderDocumentPdf(input);
  const blob = new Blob([bytes.slice().buffer], { type: 'application/pdf' });
  return { url: URL.createObjectURL(blob), fileName: documentPdfFileName(input), size: bytes.byteLength };
}

/** Saves the PDF through a temporary link (`download` attribute). */
export function downloadPdf(pdf: RenderedPdf): void {
  const link = document.createElement('a');
  link.href = pdf.url;
  link.download = pdf.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
