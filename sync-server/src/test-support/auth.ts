import { asc } from 'drizzle-orm';
import { pino } from 'pino';
import { createApp, type RelaisApp } from '../app';
import type { Mailer } from '../auth/mailer';
import type { UserRow } from '../auth/repository';
import { createAuthService, type AuthService, type AuthSettings } from '../auth/service';
import { defaultAuthSettings } from '../auth/settings';
import { openDatabase, type Db } from '../db/client';
import { authEvents } from '../db/tables';
import type { StreamLimits } from '../replication/stream-limits';

/** A clock the test moves by hand. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2026-11-27T08:00:00.000Z')): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

export const minutes = (count: number): number => count * 60_000;

export interface AuthTestApp extends RelaisApp {
  clock: ManualClock;
  db: Db;
}

/** The whole app on an in-memory database, with a hand-moved clock and cheap password hashes. */
export function authTestApp(options: { mailer?: Mailer; settings?: Partial<AuthSettings>; streamLimits?: Partial<StreamLimits> } = {}): AuthTestApp {
  const db = openDatabase(':memory:');
  const logger = pino({ level: 'silent' });
  const clock = manualClock();
  const auth = createAuthService({ db, logger, clock, mailer: options.mailer, settings: defaultAuthSettings({ passwordHashCost: 10, ...options.settings }) });
  // One clock for sessions and for which planning days are past: 2026-11-27 unless moved.
  return { ...createApp({ db, logger, auth, now: () => new Date(clock.now()), streamLimits: options.streamLimits }), clock, db };
}

/** The identity half of the activity log, oldest first. */
export function authEventRows(db: Db) {
  return db.select().from(authEvents).orderBy(asc(authEvents.id)).all();
}

export const strongPassword = 'Relais-2026';

/** A user straight in the database (no admin route involved). */
export async function addUser(
  auth: AuthService,
  fields: Partial<Omit<UserRow, 'id' | 'password_hash'>> & { username: string; password?: string },
): Promise<UserRow> {
  const at = auth.iso();
  const { password = strongPassword, ...rest } = fields;
  return auth.repo.insertUser({
    display_name: fields.username,
    role: 'viewer',
    created_at: at,
    updated_at: at,
    ...rest,
    password_hash: await auth.hashNewPassword(password),
  });
}

export interface CallOptions {
  token?: string | undefined;
  cookie?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  /** The peer address the app sees (as the Node server would pass its socket). */
  ip?: string;
}

/** One JSON request through `app.request`. */
export async function call(app: RelaisApp['app'], method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (options.token !== undefined) {
    headers['authorization'] = `Bearer ${options.token}`;
  }
  if (options.cookie !== undefined) {
    headers['cookie'] = options.cookie;
  }
  const env = options.ip === undefined ? undefined : { incoming: { socket: { remoteAddress: options.ip } } };
  return await app.request(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }, env);
}

/** The `relais_refresh=…` pair of a response's Set-Cookie, ready for a Cookie header. */
export function refreshCookieOf(response: Response): string | undefined {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /relais_refresh=([^;]*)/.exec(header);
  return match?.[1] ? `relais_refresh=${match[1]}` : undefined;
}

export interface SignedIn {
  token: string;
  cookie: string;
  body: { access_token: string; must_change_password: boolean; user: { id: number; permissions: Record<string, boolean> } };
}

/** Signs in and returns the access token and the refresh cookie; throws when the sign-in fails. */
export async function signIn(app: RelaisApp['app'], username: string, password = strongPassword): Promise<SignedIn> {
  const response = await call(app, 'POST', '/auth/login', { body: { username, password, hostname: 'PC-TEST' } });
  if (response.status !== 200) {
    throw new Error(`connexion de ${username} refusée : ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as SignedIn['body'];
  const cookie = refreshCookieOf(response);
  if (!cookie) {
    throw new Error('pas de cookie de session');
  }
  return { token: body.access_token, cookie, body };
}
