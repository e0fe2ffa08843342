import { describe, expect, it, vi } from 'vitest';
import { createReplicationFetch } from './replication-fetch';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const refused = (code: string, status: number): Response => json(status, { error: { code, message: code }, detail: code });

function setup(accepted: string) {
  const seen: (string | null)[] = [];
  const fetch = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
    const authorization = new Headers(init?.headers).get('authorization');
    seen.push(authorization);
    return Promise.resolve(authorization === `Bearer ${accepted}` ? json(200, { documents: [], checkpoint: { seq: 3 } }) : refused('UNAUTHENTICATED', 401));
  });
  const session = {
    renewAfterUnauthorized: vi.fn((_used: string | undefined) => Promise.resolve<string | undefined>(accepted)),
    requirePasswordChange: vi.fn(),
  };
  const replicationFetch = createReplicationFetch({ session, fetch });
  return { fetch, session, seen, replicationFetch };
}

describe('replication fetch', () => {
  it('retries a refused request once with the renewed token', async () => {
    const { replicationFetch, session, seen } = setup('neuf');
    const response = await replicationFetch('/api/replication/missions/pull?checkpoint=&limit=100', { headers: { authorization: 'Bearer ancien' } });
    expect(response.status).toBe(200);
    expect(session.renewAfterUnauthorized).toHaveBeenCalledWith('ancien');
    expect(seen).toEqual(['Bearer ancien', 'Bearer neuf']);
  });

  it('gets a token first when the app has none yet (opened offline, first renewal under way)', async () => {
    const { replicationFetch, session, seen } = setup('neuf');
    const response = await replicationFetch('/api/replication/missions/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(response.status).toBe(200);
    expect(session.renewAfterUnauthorized).toHaveBeenCalledWith(undefined);
    expect(seen).toEqual(['Bearer neuf']);
  });

  it('does not send a request without a token when none can be had (offline, renewal failed): no 401 reaches the server', async () => {
    const { replicationFetch, session, seen } = setup('neuf');
    session.renewAfterUnauthorized.mockResolvedValue(undefined);
    // A network-like failure: the replication stays quiet (offline) and retries later.
    await expect(replicationFetch('/api/replication/missions/pull')).rejects.toBeInstanceOf(TypeError);
    expect(seen).toEqual([]);
  });

  it('returns the refusal when the session is over', async () => {
    const { replicationFetch, session, fetch } = setup('neuf');
    session.renewAfterUnauthorized.mockResolvedValueOnce(undefined);
    const response = await replicationFetch('/api/replication/missions/pull', { headers: { authorization: 'Bearer ancien' } });
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends the user to the password form when the server asks for it', async () => {
    const { replicationFetch, session, fetch } = setup('neuf');
    fetch.mockResolvedValueOnce(refused('PASSWORD_CHANGE_REQUIRED', 403));
    const response = await replicationFetch('/api/replication/missions/pull', { headers: { authorization: 'Bearer neuf' } });
    expect(response.status).toBe(403);
    expect(session.requirePasswordChange).toHaveBeenCalledTimes(1);
  });

});
