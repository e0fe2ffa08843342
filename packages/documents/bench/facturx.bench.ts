/**
 * The cost of a Factur-X, in one process: `renderDocumentFile` of a realistic 15-line validated
 * invoice with a logo (jsPDF page + CII XML + PDF/A-3 embedding with pdf-lib), median and p95 over
 * BENCH_FACTURX_RUNS (200) after BENCH_FACTURX_WARMUP (10), against the plain PDF of the same
 * invoice (`renderDocumentPdf`) measured in the same run, the tasks interleaved run by run; its two
 * added steps (XML build, embedding) are timed alone too.
 */
import { performance } from 'node:perf_hooks';
import { documentFacturXml, embedFacturX, renderDocumentFile, renderDocumentPdf, type PdfInput } from '../src/index';
import { ENTREPRISE, SOCIETE, facture, realisticLines } from '../src/testing/fixtures';

const runs = Number(process.env['BENCH_FACTURX_RUNS'] ?? 200);
const warmUp = Number(process.env['BENCH_FACTURX_WARMUP'] ?? 10);

interface Timing {
  median: number;
  p95: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(count: number, warm: number, tasks: readonly (() => unknown)[]): Promise<Timing[]> {
  const sink: unknown[] = [];
  for (let run = 0; run < warm; run += 1) {
    for (const task of tasks) {
      sink.push(await task());
    }
  }
  const times = tasks.map((): number[] => []);
  for (let run = 0; run < count; run += 1) {
    for (const [index, task] of tasks.entries()) {
      const started = performance.now();
      const result = await task();
      times[index]?.push(performance.now() - started);
      sink[run % 4] = result;
    }
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return { median: quantile(list, 0.5), p95: quantile(list, 0.95) };
  });
}

const invoice: PdfInput = { entreprise: ENTREPRISE, contact: SOCIETE, document: { kind: 'facture', facture: facture({ lignes: realisticLines(15) }) } };
const plainPdf = renderDocumentPdf(invoice);
const xml = documentFacturXml(invoice);
const meta = { title: 'Facture FA-2026-00012', author: ENTREPRISE.raison_sociale, date: new Date('2026-01-15T10:00:00Z') };

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const sample = await renderDocumentFile(invoice);
process.stdout.write(`Factur-X: 15-line invoice with logo → plain PDF ${kib(plainPdf.length)}, XML ${kib(xml.length)}, Factur-X ${kib(sample.length)}\n`);

const [plain, xmlBuild, embedding, full] = (await measure(runs, warmUp, [
  () => renderDocumentPdf(invoice),
  () => documentFacturXml(invoice),
  () => embedFacturX(plainPdf, xml, meta),
  () => renderDocumentFile(invoice),
])) as [Timing, Timing, Timing, Timing];

const format = (ms: number): string => `${ms.toFixed(2)} ms`;
const row = (label: string, timing: Timing, ratio: string): void => {
  process.stdout.write(`  ${label.padEnd(48)} ${format(timing.median).padStart(10)} ${format(timing.p95).padStart(10)}  ${ratio}\n`);
};
process.stdout.write('\n  measure                                           median        p95  ratio\n');
row('baseline: renderDocumentPdf (plain), 15 lines', plain, '1.00× (baseline)');
row('documentFacturXml (CII build), 15 lines', xmlBuild, `${(xmlBuild.median / plain.median).toFixed(2)}× plain`);
row('embedFacturX (pdf-lib load + attach + save)', embedding, `${(embedding.median / plain.median).toFixed(2)}× plain`);
row(`renderDocumentFile (Factur-X), ${runs} runs`, full, `${(full.median / plain.median).toFixed(2)}× plain`);
