import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** TomatoPlan's desktop API module: test material beside the repository (`../shared`), never copied into it. */
export const tomatoPlanClientDir = resolve(repoRoot, '../shared/tomatoplan-client');
export const tomatoPlanClientAbsent = existsSync(join(tomatoPlanClientDir, 'api_client.py'))
  ? undefined
  : `${join(tomatoPlanClientDir, 'api_client.py')} absent : le client de bureau de TomatoPlan n'est pas disponible sur cette machine`;

const python = '/usr/bin/python3';
const driver = fileURLToPath(new URL('./tomatoplan_client_driver.py', import.meta.url));

/** Debian's python3-requests and python3-websocket, installed with apt-get when missing. */
export function ensurePythonClient(): void {
  execFileSync('bash', [join(repoRoot, 'scripts/ensure-python-client.sh')], { stdio: 'inherit' });
}

export type ClientEvent = { event: string; at?: number } & Record<string, unknown>;

/** One desktop client process: `call('api_client.get_voyages', [false])` runs the module's own code. */
export class TomatoPlanClient {
  readonly events: ClientEvent[] = [];
  /** When each event reached this process (`performance.now()`). */
  readonly eventArrivals: number[] = [];
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private counter = 0;
  private stderr = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly configDir: string,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { id?: number; ok?: boolean; result?: unknown; error?: string } & ClientEvent;
      if (message.id === undefined) {
        this.eventArrivals.push(performance.now());
        this.events.push(message);
        return;
      }
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) {
        waiter?.resolve(message.result);
      } else {
        waiter?.reject(new Error(message.error ?? 'échec'));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
  }

  /** A client whose `config.py` points `SERVER_URL` at `serverUrl`. */
  static start(serverUrl: string): TomatoPlanClient {
    const configDir = mkdtempSync(join(tmpdir(), 'tomatoplan-client-'));
    writeFileSync(
      join(configDir, 'config.py'),
      [`SERVER_URL = ${JSON.stringify(serverUrl)}`, 'VERIFY_SSL = True', 'TIMEOUT = 10', 'STATUS_CHECK_INTERVAL = 30', 'CACHE_TTL = 30', 'WS_RECONNECT_DELAY = 1', ''].join('\n'),
    );
    const child = spawn(python, ['-u', driver, configDir, tomatoPlanClientDir], { stdio: ['pipe', 'pipe', 'pipe'] });
    return new TomatoPlanClient(child, configDir);
  }

  call<T = unknown>(name: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    this.counter += 1;
    const id = this.counter;
    return new Promise<T>((resolveCall, rejectCall) => {
      const timer = setTimeout(() => rejectCall(new Error(`${name} : pas de réponse en 15 s ; stderr : ${this.stderr.slice(-2000)}`)), 15_000);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolveCall(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          rejectCall(new Error(`${name} : ${error.message}`));
        },
      });
      this.child.stdin.write(`${JSON.stringify({ id, call: name, args, kwargs })}\n`);
    });
  }

  /** The first event from index `from` on that `match` accepts. */
  async nextEvent(match: (event: ClientEvent) => boolean, timeoutMs = 5000, from = 0): Promise<ClientEvent> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.events.slice(from).find(match);
      if (found) {
        return found;
      }
      await new Promise((wait) => setTimeout(wait, 5));
    }
    throw new Error(`événement attendu non reçu en ${timeoutMs} ms ; reçus : ${JSON.stringify(this.events.map((event) => event.event)).slice(0, 500)}`);
  }

  async stop(): Promise<void> {
    this.child.stdin.end();
    await new Promise<void>((resolveExit) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolveExit();
      }, 5000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolveExit();
      });
    });
    rmSync(this.configDir, { recursive: true, force: true });
  }
}

/** `{ "$date": … }`: the driver turns it into a `datetime.date`, as the desktop app passes them. */
export function pyDate(iso: string): { $date: string } {
  return { $date: iso };
}
