import { collectionNames, type CollectionName } from '@relais/schema';
import { buildDemoDataset, demoId } from '../../cli/demo-data';
import { loadDemoDataset, storeDemoTarget } from '../../cli/demo';
import type { Mailer } from '../../auth/mailer';
import { addUser, authTestApp, signIn, type AuthTestApp } from '../auth';
import { appRoutes, type RouteSpec } from './cases';
import { buildPools, type Doc, type Pools } from './templates';

/** The app under fuzzing: the real `createApp` on in-memory SQLite, seeded with the demo dataset. */
export interface HostileTarget {
  bench: AuthTestApp;
  routes: RouteSpec[];
  pools: Pools;
  /** The administrator's access token; renewed when a fuzzed route closed its session. */
  token(): string;
  /** Checks the session still works and opens a new administrator's when it does not. */
  ensureSession(): Promise<boolean>;
  /** Brings back the seeded documents fuzzed deletions removed, so later cases find them again. */
  restoreSeeds(): number;
  mails: number;
}

/** The demo has no pallet revenues: three, so their routes find some. */
function revenusPalettes(): Doc[] {
  return ['Lyon', 'Marseille', 'Paris'].map((destination, index) => ({
    id: demoId(`fuzz/revenu/${destination}`),
    rev: 1,
    updated_at: '2026-11-01T08:00:00.000Z',
    destination,
    pays: 'France',
    revenu_par_palette: 1_000 + index * 250,
  }));
}

/** A mailer that accepts everything: sending is exercised up to the SMTP hand-off, no further. */
function countingMailer(onSend: () => void): Mailer {
  return {
    send() {
      onSend();
      return Promise.resolve();
    },
  };
}

export async function createHostileTarget(): Promise<HostileTarget> {
  let mails = 0;
  const bench = authTestApp({ mailer: countingMailer(() => (mails += 1)) });
  const dataset = buildDemoDataset(new Date(bench.clock.now()));
  await loadDemoDataset(storeDemoTarget(bench.store), dataset);
  const revenus = revenusPalettes();
  bench.store.push('revenus_palettes', revenus.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })), { actor: null, source: 'demo' });
  const demo = dataset as unknown as Partial<Record<CollectionName, Doc[]>>;
  const seeds = new Map(collectionNames.map((name) => [name, demo[name] ?? []]));
  seeds.set('revenus_palettes', revenus);
  const victim = await addUser(bench.auth, { username: 'CIBLE', role: 'planner' });
  let admins = 0;
  async function newAdmin(): Promise<string> {
    admins += 1;
    const username = `FUZZ-ADMIN-${admins}`;
    await addUser(bench.auth, { username, role: 'admin', is_system_admin: true });
    return (await signIn(bench.app, username)).token;
  }
  let token = await newAdmin();
  const users = bench.auth.repo.listUsers(false).map((user) => ({ id: user.id, username: user.username }));
  const target: HostileTarget = {
    bench,
    routes: appRoutes(bench.app),
    pools: buildPools(seeds, users, victim.username),
    token: () => token,
    async ensureSession() {
      const me = await bench.app.request('/auth/me', { headers: { authorization: `Bearer ${token}` } });
      if (me.status === 200) {
        const body = (await me.json()) as { must_change_password: boolean; permissions: Record<string, boolean> };
        if (!body.must_change_password && body.permissions['manage_rights'] === true) {
          return false;
        }
      }
      token = await newAdmin();
      return true;
    },
    restoreSeeds() {
      let restored = 0;
      for (const [collection, docs] of seeds) {
        const rows = docs.flatMap((doc) => {
          const current = bench.store.get(collection, doc.id);
          return current?._deleted === true ? [{ assumedMasterState: current, newDocumentState: { ...doc, rev: Number(current.rev) + 1, _deleted: false } }] : [];
        });
        if (rows.length > 0) {
          const outcome = bench.store.push(collection, rows, { actor: null, source: 'demo' });
          restored += outcome.ok ? outcome.written : 0;
        }
      }
      return restored;
    },
    get mails() {
      return mails;
    },
  };
  return target;
}
