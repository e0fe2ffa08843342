import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { collectionNames } from '@relais/schema';
import { openDatabase, type Db } from '@relais/sync-server';
import { serverCli } from '../../support/server';

/** `fetch` with the JSON body and bearer token of an admin route; fails with the server's answer. */
export async function adminCall<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} : HTTP ${response.status} ${text}`);
  }
  return JSON.parse(text) as T;
}

/** Downloads a backup through its route and opens the database inside (a temporary copy). */
export async function downloadBackup(baseUrl: string, token: string, name: string): Promise<{ db: Db; close(): void }> {
  const response = await fetch(`${baseUrl}/admin/backups/download/${name}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    throw new Error(`téléchargement de ${name} : HTTP ${response.status}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'relais-download-'));
  const path = join(dir, 'copy.db');
  writeFileSync(path, gunzipSync(Buffer.from(await response.arrayBuffer())));
  const db = openDatabase(path);
  return {
    db,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What a restore must carry over whole or not at all: the live documents of every collection
 * (without their sequence numbers, which a restore renews) and the accounts.
 */
export function contentFingerprint(db: Db): string {
  const hash = createHash('sha256');
  for (const name of collectionNames) {
    for (const row of db.$client.prepare(`SELECT * FROM "${name}" WHERE "_deleted" = 0 ORDER BY id`).all() as Record<string, unknown>[]) {
      const { _seq: _ignored, ...content } = row;
      hash.update(JSON.stringify(content));
    }
  }
  hash.update(JSON.stringify(db.$client.prepare('SELECT id, username, role, is_active FROM users ORDER BY id').all()));
  return hash.digest('hex');
}

/** The built `relais` command run on a database (the server may be running on it). */
export function runRelais(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [serverCli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}
