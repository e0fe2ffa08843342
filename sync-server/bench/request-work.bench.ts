/**
 * The work one request does on the event loop, at the limits the routes set (in-memory SQLite,
 * `app.request`, one process): the time a request holds the loop, against a baseline measured in
 * the same run.
 *   - generation at its caps (92 days of the demo's lines; 500 missions), against pushing the same
 *     missions straight through `store.push` (the write path alone);
 *   - finance statistics over BENCH_STATS_MISSIONS missions (default 50 000), summed by SQLite,
 *     against loading the missions as documents (what the routes did before).
 * Figures chose `maxGenerationDays` and `maxMissionsPerRequest` (planning/missions-routes.ts).
 */
import { randomUUID } from 'node:crypto';
import { collections } from '@relais/schema';
import { pino } from 'pino';
import { createApp } from '../src/app';
import { buildDemoDataset } from '../src/cli/demo-data';
import { loadDemoDataset, storeDemoTarget } from '../src/cli/demo';
import { openDatabase } from '../src/db/client';
import { createRowMapper, type StoredRow } from '../src/replication/documents';

const statsMissions = Number(process.env['BENCH_STATS_MISSIONS'] ?? 50_000);
const week = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

async function relais(extraDailyLines: number) {
  const db = openDatabase(':memory:');
  const app = createApp({ db, logger: pino({ level: 'silent' }), now: () => new Date('2026-11-27T08:00:00Z') });
  const dataset = buildDemoDataset(new Date('2026-11-27T08:00:00Z'));
  const model = dataset.voyages[0];
  if (!model) {
    throw new Error('pas de voyage de démonstration');
  }
  for (let line = 0; line < extraDailyLines; line += 1) {
    const { chauffeur_habituel_id: _usual, ...rest } = model;
    dataset.voyages.push({ ...rest, id: randomUUID(), code: `B${line}`, jours_operation: [...week] });
  }
  await loadDemoDataset(storeDemoTarget(app.store), dataset);
  const at = app.auth.iso();
  app.auth.repo.insertUser({ username: 'BENCH', display_name: 'Bench', role: 'admin', is_system_admin: true, created_at: at, updated_at: at, password_hash: await app.auth.hashNewPassword('Relais-2026') });
  const login = await app.app.request('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'BENCH', password: 'Relais-2026' }) });
  const { access_token: token } = (await login.json()) as { access_token: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const started = performance.now();
    const response = await app.app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { ms: performance.now() - started, status: response.status, text };
  };
  return { db, app, call };
}

function line(label: string, ms: number, baselineLabel: string, baselineMs: number, note: string): void {
  console.log(`${label.padEnd(48)} ${ms.toFixed(0).padStart(6)} ms   ${baselineLabel.padEnd(40)} ${baselineMs.toFixed(0).padStart(6)} ms   ${(ms / baselineMs).toFixed(2)} ×   ${note}`);
}

async function generation(extraDailyLines: number, from: string, to: string): Promise<void> {
  const { app, call } = await relais(extraDailyLines);
  const answer = await call('POST', '/missions/generate', { date_debut: from, date_fin: to });
  const created = (JSON.parse(answer.text) as { missions?: Record<string, unknown>[] }).missions ?? [];
  // The same missions again, on a fresh database, through the write path alone.
  const fresh = await relais(extraDailyLines);
  const rows = created.map((mission) => {
    const doc: Record<string, unknown> = { rev: 1, updated_at: '2026-11-27T08:00:00.000Z', _deleted: false };
    for (const field of Object.keys(collections.missions.schema.shape)) {
      if (mission[field] !== null && mission[field] !== undefined && field !== 'rev' && field !== 'updated_at') {
        doc[field] = field === 'revenu' || field === 'cout_sst' ? Math.round(Number(mission[field]) * 100) : mission[field];
      }
    }
    return { newDocumentState: doc as never };
  });
  const started = performance.now();
  fresh.app.store.push('missions', rows, { actor: 'BENCH', source: 'rest' });
  const baseline = performance.now() - started;
  void app;
  line(`generate ${from} → ${to}, ${8 + extraDailyLines} lines (${answer.status})`, answer.ms, `store.push of the same ${created.length}`, baseline, `${created.length} missions`);
}

async function statistics(): Promise<void> {
  const { db, app, call } = await relais(0);
  for (let start = 0; start < statsMissions; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, statsMissions - start) }, (_, index) => {
      const day = new Date(Date.UTC(2020, 0, 1) + ((start + index) % 2500) * 86_400_000).toISOString().slice(0, 10);
      const doc = { id: randomUUID(), rev: 1, updated_at: '2026-01-01T00:00:00.000Z', date_mission: day, heure_debut: '06:00', type_mission: 'livraison', destination: 'Lyon', statut: 'planifie', revenu: 10_000, cout_sst: 5_000, _deleted: false };
      return { newDocumentState: doc as never };
    });
    app.store.push('missions', rows, { actor: null, source: 'import' });
  }
  const mapper = createRowMapper('missions');
  const started = performance.now();
  const loaded = db.$client.prepare<[], StoredRow>('SELECT * FROM "missions" WHERE "_deleted" = 0').all().map((row) => mapper.toDocument(row));
  const baseline = performance.now() - started;
  for (const path of ['/finance/stats?date_debut=1900-01-01&date_fin=9999-12-31', '/finance/stats/annuel']) {
    const answer = await call('GET', path);
    line(`${path} (${answer.status})`, answer.ms, `loading the ${loaded.length} missions`, baseline, `${statsMissions} missions`);
  }
}

console.log(`Travail d'une requête sur la boucle d'événements (Node ${process.version})\n`);
await generation(0, '2027-01-01', '2027-04-02');
await generation(90, '2027-01-04', '2027-01-08');
await statistics();
