/**
 * The cost of a printed document, in one process:
 *   - `renderDocumentPdf` of a realistic 15-line invoice with a logo (two VAT rates, discounts),
 *     median and p95 over BENCH_PDF_RUNS renders (200) after BENCH_PDF_WARMUP (10);
 * against baselines measured in the same run: the same invoice without its line table (header,
 * identities, totals, mentions, footer: the fixed cost), jsPDF's empty document, and an empty
 * document with the Inter fonts registered and one line of text (what the embedded font costs);
 *   - `documentTotals` of a 500-line invoice, median over BENCH_TOTALS_RUNS (5 000), against
 *     summing 500 numbers (the least any total must do).
 */
import { performance } from 'node:perf_hooks';
import { jsPDF } from 'jspdf';
import { documentTotals } from '@relais/domain';
import { renderDocumentPdf, type PdfInput } from '../src/index';
import { interBoldBase64, interRegularBase64 } from '../src/fonts/inter';
import { ENTREPRISE, SOCIETE, facture, realisticLines } from '../src/testing/fixtures';

const runs = Number(process.env['BENCH_PDF_RUNS'] ?? 200);
const warmUp = Number(process.env['BENCH_PDF_WARMUP'] ?? 10);
const totalsRuns = Number(process.env['BENCH_TOTALS_RUNS'] ?? 5000);

interface Timing {
  median: number;
  p95: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Times each task `count` times after `warm` untimed rounds, the tasks interleaved run by run so
 * that a busy machine slows them alike; `sink` keeps the results alive.
 */
function measure(count: number, warm: number, tasks: readonly (() => unknown)[]): Timing[] {
  const sink: unknown[] = [];
  for (let run = 0; run < warm; run += 1) {
    for (const task of tasks) {
      sink.push(task());
    }
  }
  const times = tasks.map((): number[] => []);
  for (let run = 0; run < count; run += 1) {
    tasks.forEach((task, index) => {
      const started = performance.now();
      const result = task();
      times[index]?.push(performance.now() - started);
      sink[run % 4] = result;
    });
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return { median: quantile(list, 0.5), p95: quantile(list, 0.95) };
  });
}

const invoice: PdfInput = { entreprise: ENTREPRISE, contact: SOCIETE, document: { kind: 'facture', facture: facture({ lignes: realisticLines(15) }) } };
const noTable: PdfInput = { ...invoice, document: { kind: 'facture', facture: facture({ lignes: [] }) } };

function emptyDocument(): Uint8Array {
  return new Uint8Array(new jsPDF({ unit: 'mm', format: 'a4', compress: true }).output('arraybuffer'));
}

function fontsOnly(): Uint8Array {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  doc.addFileToVFS('Inter-Regular.ttf', interRegularBase64);
  doc.addFont('Inter-Regular.ttf', 'Inter', 'normal');
  doc.addFileToVFS('Inter-Bold.ttf', interBoldBase64);
  doc.addFont('Inter-Bold.ttf', 'Inter', 'bold');
  doc.setFont('Inter', 'normal');
  doc.text('Facture n° 1 — 1 234,56 €', 15, 20);
  return new Uint8Array(doc.output('arraybuffer'));
}

const format = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

const sample = renderDocumentPdf(invoice);
console.log(
  `Documents: 15-line invoice with logo → ${kib(sample.length)} PDF; without table ${kib(renderDocumentPdf(noTable).length)}; ` +
    `empty jsPDF ${kib(emptyDocument().length)}; embedded fonts in the bundle: ${kib(interRegularBase64.length + interBoldBase64.length)} of base64`,
);

const [empty, fonts, fixed, full] = measure(runs, warmUp, [emptyDocument, fontsOnly, () => renderDocumentPdf(noTable), () => renderDocumentPdf(invoice)]) as [Timing, Timing, Timing, Timing];

const lines500 = realisticLines(500);
const prices = lines500.map((line) => line.prix_unitaire_ht);
const [sum, totals] = measure(totalsRuns, 200, [() => prices.reduce((total, price) => total + price, 0), () => documentTotals(lines500, 'normale')]) as [Timing, Timing];

console.log('\n  measure                                           median       p95      ratio');
const row = (label: string, timing: Timing, ratio: string): void => {
  console.log(`  ${label.padEnd(48)} ${format(timing.median).padStart(10)} ${format(timing.p95).padStart(10)}  ${ratio}`);
};
row('baseline: empty jsPDF document', empty, '1.0× (baseline)');
row('baseline: empty document + Inter fonts, 1 line', fonts, `${(fonts.median / empty.median).toFixed(1)}× empty`);
row('baseline: invoice without its line table', fixed, `${(fixed.median / empty.median).toFixed(1)}× empty, ${(fixed.median / fonts.median).toFixed(2)}× fonts`);
row(`renderDocumentPdf, 15 lines + logo, ${runs} runs`, full, `${(full.median / fixed.median).toFixed(2)}× without table, ${(full.median / empty.median).toFixed(1)}× empty`);
row('baseline: sum of 500 numbers', sum, '1.0× (totals baseline)');
row(`documentTotals, 500 lines, ${totalsRuns} runs`, totals, `${(totals.median / sum.median).toFixed(0)}× sum`);
