import { hostileCases } from '../src/test-support/hostile/cases';
import { formatReport, runHostileCases } from '../src/test-support/hostile/run';
import { createHostileTarget } from '../src/test-support/hostile/target';

/**
 * `pnpm stress`: at least 20 000 hostile requests over every route of the real app (in-memory
 * SQLite, demo data), then a report: answers by route and status, every 5xx, hang over 5 s,
 * answer without `detail` and write stored differently from its acknowledgement. Exits 1 on any.
 * `HOSTILE_CASES`, `HOSTILE_SEED` and `HOSTILE_ROUTES` (a pattern on `METHOD /path`) narrow a replay.
 */
const count = Number(process.env['HOSTILE_CASES'] ?? 20_000);
const seed = Number(process.env['HOSTILE_SEED'] ?? Date.now() % 2 ** 31);
const only = process.env['HOSTILE_ROUTES'] === undefined ? undefined : new RegExp(process.env['HOSTILE_ROUTES']);

const target = await createHostileTarget();
const routes = target.routes.filter((route) => !only || only.test(`${route.method} ${route.path}`));
const cases = hostileCases(routes, target.pools, count, seed);
const started = performance.now();
const report = await runHostileCases(target, cases);
process.stdout.write(`${formatReport(report, seed)}\n\n${routes.length} routes, ${Math.round((performance.now() - started) / 1000)} s\n`);
process.exitCode = report.findings.length > 0 ? 1 : 0;
