import { spawn, type ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { createApp, type RelaisApp } from '../app';
import type { Mailer } from '../auth/mailer';
import { createAuthService } from '../auth/service';
import { defaultAuthSettings } from '../auth/settings';
import { defaultConfig } from '../config';
import { openDatabase, type Db } from '../db/client';
import type { Logger } from '../logger';
import type { JobContext, JobDefinition } from '../scheduler/context';
import { createScheduler, type Scheduler } from '../scheduler/scheduler';
import { createRuntimeConfig, type RuntimeConfig } from '../settings/runtime-config';
import { addUser, call, signIn, type SignedIn } from './auth';

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** A job for tests: manual only unless a schedule is given, one minute of timeout unless told. */
export function testJob(name: string, run: (context: JobContext) => Promise<unknown>, overrides: Partial<JobDefinition> = {}): JobDefinition {
  return { name, label: `Tâche ${name}`, defaultSchedule: 'off', timeoutMs: 60_000, run, ...overrides };
}

/** Log lines kept in memory, so that tests read what the server logged (and no test writes to stdout). */
export function memoryLogger(level = 'info'): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(line) });
  return { logger, lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

export interface SchedulerTest {
  db: Db;
  runtime: RuntimeConfig;
  scheduler: Scheduler;
  clock: { now: () => Date; set: (iso: string) => void; advance: (ms: number) => void };
}

/** A scheduler on an in-memory database with a hand-moved clock (croner's own timers follow the real one). */
export function schedulerTest(db: Db = openDatabase(':memory:'), start = '2026-11-27T08:00:00.000Z'): SchedulerTest {
  let current = Date.parse(start);
  const clock = {
    now: () => new Date(current),
    set: (iso: string) => {
      current = Date.parse(iso);
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
  const { logger } = memoryLogger();
  const runtime = createRuntimeConfig({ db, base: defaultConfig(), logger, now: clock.now });
  const scheduler = createScheduler({
    db,
    logger,
    now: clock.now,
    schedules: { timezone: () => runtime.current().RELAIS_JOBS_TIMEZONE, overrides: () => runtime.current().RELAIS_JOB_SCHEDULES },
  });
  return { db, runtime, scheduler, clock };
}

/** Another live process, standing for the server or a console that holds a run. */
export function otherProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}

/** Polls until `check` holds (real time), for what croner's timers or a settling run do. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) {
      throw new Error('condition jamais remplie');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface AdminAppTest extends RelaisApp {
  db: Db;
  logger: Logger;
  lines: () => Record<string, unknown>[];
  admin: SignedIn;
  /** A JSON request as the signed-in administrator; answers the status and the parsed body. */
  asAdmin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** The whole app on an in-memory database with a logger kept in memory, and `ADMIN` signed in. */
export async function adminAppTest(options: { mailer?: Mailer } = {}): Promise<AdminAppTest> {
  const db = openDatabase(':memory:');
  const { logger, lines } = memoryLogger();
  const auth = createAuthService({ db, logger, mailer: options.mailer, settings: defaultAuthSettings({ passwordHashCost: 10 }) });
  const relais = createApp({ db, logger, auth });
  await addUser(auth, { username: 'ADMIN', role: 'admin', email: 'admin@example.test' });
  const admin = await signIn(relais.app, 'ADMIN');
  const asAdmin: AdminAppTest['asAdmin'] = async (method, path, body) => {
    const response = await call(relais.app, method, path, { token: admin.token, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { ...relais, db, logger, lines, admin, asAdmin };
}
