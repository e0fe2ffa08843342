/**
 * The cost of the Factur-X XML, in one process: `buildCiiXml` of a 500-line invoice (two VAT
 * rates, discounts), median and p95 over BENCH_CII_RUNS builds (100) after BENCH_CII_WARMUP (5),
 * against baselines measured in the same run and interleaved with it: `documentTotals` of the same
 * lines (the arithmetic any e-invoice must do) and xmlbuilder2 writing 500 bare line elements with
 * as many text nodes as the real lines (the library's floor).
 */
import { performance } from 'node:perf_hooks';
import { documentTotals } from '@relais/domain';
import { create } from 'xmlbuilder2';
import { buildCiiXml, type FacturXInput } from '../src/index';
import { ENTREPRISE, SOCIETE, facture, realisticLines } from '../src/testing/fixtures';

const runs = Number(process.env['BENCH_CII_RUNS'] ?? 100);
const warmUp = Number(process.env['BENCH_CII_WARMUP'] ?? 5);

const input: FacturXInput = { entreprise: ENTREPRISE, contact: SOCIETE, facture: facture({ lignes: realisticLines(500) }) };

function bareXml(): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('invoice');
  for (const ligne of input.facture.lignes) {
    const line = root.ele('line');
    line.ele('name').txt(ligne.designation);
    line.ele('quantity').txt(String(ligne.quantite));
    line.ele('price').txt(String(ligne.prix_unitaire_ht));
    line.ele('rate').txt(String(ligne.taux_tva_bp));
    line.ele('amount').txt('0');
  }
  return root.end({ prettyPrint: true });
}

function median(sorted: readonly number[], q = 0.5): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const tasks = [() => buildCiiXml(input), () => documentTotals(input.facture.lignes), bareXml] as const;
const sink: unknown[] = [];
for (let run = 0; run < warmUp; run += 1) {
  tasks.forEach((task) => sink.push(task()));
}
const times = tasks.map((): number[] => []);
for (let run = 0; run < runs; run += 1) {
  tasks.forEach((task, index) => {
    const started = performance.now();
    sink[run % 3] = task();
    times[index]?.push(performance.now() - started);
  });
}
const [xml, totals, bare] = times.map((list) => list.sort((a, b) => a - b));
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const size = buildCiiXml(input).length;
console.log(`Factur-X XML: 500-line invoice → ${(size / 1024).toFixed(0)} KiB of CII, ${runs} builds`);
console.log(`  buildCiiXml          median ${ms(median(xml ?? []))}  p95 ${ms(median(xml ?? [], 0.95))}`);
console.log(`  documentTotals       median ${ms(median(totals ?? []))}  (ratio ${(median(xml ?? []) / median(totals ?? [])).toFixed(1)}×)`);
console.log(`  bare xmlbuilder2 XML median ${ms(median(bare ?? []))}  (ratio ${(median(xml ?? []) / median(bare ?? [])).toFixed(1)}×)`);
