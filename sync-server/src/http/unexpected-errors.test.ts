import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authTestApp } from '../test-support/auth';
import { recogniseFailure } from './unexpected-errors';

/** The error better-sqlite3 really throws for a statement. */
function sqliteError(statements: string[]): unknown {
  const db = new Database(':memory:');
  try {
    for (const statement of statements) {
      db.exec(statement);
    }
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('aucune erreur');
}

const duplicate = sqliteError(['CREATE TABLE t (id TEXT PRIMARY KEY)', "INSERT INTO t VALUES ('a')", "INSERT INTO t VALUES ('a')"]);

describe('errors past the routes', () => {
  it('recognises a SQLite constraint as a 409 and leaves other SQLite errors as bugs', () => {
    expect(recogniseFailure(duplicate)).toMatchObject({ code: 'CONFLICT', details: { reason: 'SQLITE_CONSTRAINT_PRIMARYKEY' }, invalidInput: false });
    expect(recogniseFailure(sqliteError(['CREATE TABLE t (n INTEGER NOT NULL)', 'INSERT INTO t VALUES (NULL)']))).toMatchObject({ code: 'CONFLICT' });
    expect(recogniseFailure(sqliteError(['SELEC 1']))).toBeUndefined();
    expect(recogniseFailure(new TypeError("Cannot read properties of null (reading 'uuid')"))).toBeUndefined();
  });

  it('recognises zod, JSON and percent-encoding errors as invalid requests', () => {
    const zod = z.object({ date: z.string() }).safeParse({ date: 1 }).error;
    expect(recogniseFailure(zod)).toMatchObject({ code: 'VALIDATION_FAILED', invalidInput: true, details: { issues: [{ path: ['date'] }] } });
    expect(recogniseFailure(new SyntaxError('Unexpected token'))).toMatchObject({ code: 'BAD_REQUEST', invalidInput: true });
    expect(recogniseFailure(new URIError('URI malformed'))).toMatchObject({ code: 'BAD_REQUEST', invalidInput: false });
  });

  it('answers them through the app: 409 with detail, 400 on a zod error, 500 only for the rest', async () => {
    const { app } = authTestApp();
    app.get('/essai/contrainte', () => {
      throw duplicate;
    });
    app.get('/essai/zod', () => {
      z.object({ date: z.string() }).parse({});
      return new Response('inatteignable');
    });
    app.get('/essai/bogue', () => {
      throw new Error('bogue');
    });
    const constraint = await app.request('/essai/contrainte');
    expect(constraint.status).toBe(409);
    expect(await constraint.json()).toMatchObject({ error: { code: 'CONFLICT' }, detail: expect.stringContaining('Rechargez') as string });
    const zod = await app.request('/essai/zod');
    expect(zod.status).toBe(400);
    expect(await zod.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, detail: expect.stringContaining('date') as string });
    expect((await app.request('/essai/bogue')).status).toBe(500);
  });

  it('answers a JSON 404 with detail on any unknown path, not a text one', async () => {
    const { app } = authTestApp();
    for (const path of ['/health/', '/openapi.json/', '/inconnu', '/docs/__proto__', '/docs/constructor']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { detail: string }).detail, path).toMatch(/^Route inconnue/);
    }
  });
});
