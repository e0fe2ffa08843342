import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createReplicaDatabase,
  startSync,
  type RelaisDatabase,
  type SyncController,
  type SyncOptions,
} from '@relais/replica';
import { loadConfig, startServer, type RunningServer } from '@relais/sync-server';
import { canRead, permissionsOf, type Role } from '@relais/domain';
import { collectionNames, type CollectionName } from '@relais/schema';
import { EventSource } from 'eventsource';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { pino } from 'pino';

/** A real sync server on a free loopback port, with its own SQLite file; `env` adds `RELAIS_*` settings. */
export async function startRealServer(env: Record<string, string> = {}): Promise<RunningServer & { databasePath: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-it-'));
  const databasePath = join(dir, 'relais.db');
  const config = loadConfig(
    { ...env, RELAIS_HOST: '127.0.0.1', RELAIS_PORT: '1', RELAIS_DATABASE_PATH: databasePath, RELAIS_LOG_FILE: '' },
    join(dir, 'absent.env'),
  );
  const running = await startServer({ ...config, RELAIS_PORT: 0, RELAIS_WEB_DIST: env['RELAIS_WEB_DIST'] ?? join(dir, 'no-web') }, pino({ level: 'silent' }));
  return {
    ...running,
    databasePath,
    async dispose() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface FetchCall {
  url: string;
  method: string;
  body: string | undefined;
  responseBody: unknown;
}

let clientCounter = 0;

/**
 * An RxDB client in Node (Dexie over fake-indexeddb) replicating with the real server over HTTP
 * and Server-Sent Events. Going offline cuts its network: every request fails and its streams close.
 */
export class TestClient {
  online = true;
  readonly calls: FetchCall[] = [];
  /** Every live stream the client opened, by URL. */
  readonly streams: string[] = [];
  /** Called after a push reached the server; throwing there simulates a lost response. */
  afterPush: ((call: FetchCall) => void) | undefined;
  sync!: SyncController;
  db!: RelaisDatabase;

  private constructor(
    readonly name: string,
    private readonly baseUrl: string,
  ) {}

  /** The bearer token the client replicates with. */
  token: string | undefined;

  /** The collections it replicates; all by default (an admin's), a role's readable ones otherwise. */
  collections: CollectionName[] | undefined;

  /** False: an empty collection is pulled through RxDB's own pull path instead of the first load. */
  firstLoad = true;

  /** Counts given to the replica's start, as the PWA asks them at sign-in on a new PC (`SyncOptions.counted`). */
  counted: SyncOptions['counted'];

  static async open(
    baseUrl: string,
    options: {
      name?: string;
      pullBatchSize?: number;
      token?: string;
      role?: Role;
      collections?: CollectionName[];
      firstLoad?: boolean;
      counted?: SyncOptions['counted'];
      /** Opens with its network cut: no request reaches the server until `goOnline`. */
      offline?: boolean;
    } = {},
  ): Promise<TestClient> {
    clientCounter += 1;
    const client = new TestClient(options.name ?? `client-${clientCounter}-${Date.now()}`, baseUrl);
    client.token = options.token;
    client.firstLoad = options.firstLoad ?? true;
    client.counted = options.counted;
    client.online = options.offline !== true;
    const role = options.role;
    const wanted = options.collections ?? collectionNames;
    client.collections = role ? wanted.filter((name) => canRead(name, permissionsOf(role))) : options.collections;
    await client.start(options.pullBatchSize);
    return client;
  }

  private authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async start(pullBatchSize?: number): Promise<void> {
    // Only what it replicates: RxDB opens at most 13 collections per process, for every client together.
    this.db = await createReplicaDatabase({
      name: this.name,
      indexedDB,
      IDBKeyRange,
      devMode: true,
      ...(this.collections ? { collections: this.collections } : {}),
    });
    this.sync = startSync(this.db, {
      baseUrl: this.baseUrl,
      fetch: this.fetch,
      headers: () => this.authHeaders(),
      createEventSource: (url) => {
        if (!this.online) {
          return undefined;
        }
        this.streams.push(url);
        // Node's EventSource may send headers (a browser's sends the session cookie instead).
        return new EventSource(url, {
          fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...this.authHeaders() } }),
        });
      },
      retryTime: 300,
      pullBatchSize: pullBatchSize ?? 200,
      firstLoad: this.firstLoad,
      ...(this.counted ? { counted: this.counted } : {}),
      ...(this.collections ? { collections: this.collections } : {}),
    });
    if (!this.online) {
      this.sync.disconnect();
    }
  }

  /** Closes the database (as a browser tab would on reload); local data stays in IndexedDB. */
  async restart(): Promise<void> {
    await this.sync.cancel();
    await this.db.close();
    await this.start();
  }

  private readonly fetch: typeof fetch = async (input, init) => {
    if (!this.online) {
      throw new TypeError('fetch failed');
    }
    const url = input instanceof Request ? input.url : String(input);
    const response = await fetch(input, init);
    if (!this.online) {
      throw new TypeError('fetch failed');
    }
    const text = await response.text();
    const call: FetchCall = {
      url,
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? init.body : undefined,
      responseBody: text ? (JSON.parse(text) as unknown) : undefined,
    };
    this.calls.push(call);
    if (call.method === 'POST') {
      this.afterPush?.(call);
    }
    return new Response(text, { status: response.status, headers: response.headers });
  };

  goOffline(): void {
    this.online = false;
    this.sync.disconnect();
  }

  goOnline(): void {
    this.online = true;
    this.sync.reconnect();
  }

  async dispose(): Promise<void> {
    await this.sync.cancel();
    await this.db.remove();
  }
}

/** Polls until `check` returns true, or fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Délai dépassé en attendant : ${what}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let userCounter = 0;

/** Creates a user with this role straight in the server's database and signs it in over HTTP. */
export async function signIn(server: RunningServer, role: Role, options: { systemAdmin?: boolean } = {}): Promise<{ username: string; token: string }> {
  userCounter += 1;
  const username = `TEST.${role.toUpperCase()}.${userCounter}`;
  const password = 'Relais-2026';
  const at = server.auth.iso();
  server.auth.repo.insertUser({
    username,
    display_name: `Test ${role}`,
    role,
    created_at: at,
    updated_at: at,
    password_hash: await server.auth.hashNewPassword(password),
    is_system_admin: options.systemAdmin ?? false,
  });
  const response = await fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, hostname: 'PC-TEST' }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) {
    throw new Error(`connexion de ${username} refusée : ${JSON.stringify(body)}`);
  }
  return { username, token: body.access_token };
}
