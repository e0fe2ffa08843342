import type Database from 'better-sqlite3';
import type { Authenticated } from './service';

/** Tokens remembered at most; past it the cache starts again empty (a burst of sign-ins, not a leak). */
const maxEntries = 10_000;

interface Entry {
  authenticated: Authenticated;
  /** The earliest of the token's expiry, the session's and the next `last_activity` write. */
  validUntilMs: number;
  epoch: string;
}

/**
 * The verdict of a Bearer token (signature, session, user, role) kept while nothing it rests on can
 * have changed: every write of the identity tables by this process (`localWrites`: a revoked or
 * kicked session, a deactivated user, a new role) and any commit by another process on the same file
 * (`PRAGMA data_version`: `relais user …` from the command line) starts a new epoch, and the entries
 * of older epochs are never answered. Revocation stays immediate; a request of a live session skips
 * the JWT verification and the two reads of the session and its user.
 */
export function createSessionCache(sqlite: Database.Database, localWrites: () => number) {
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck();
  const entries = new Map<string, Entry>();
  let seenEpoch = '';

  function epoch(): string {
    const current = `${localWrites()}:${dataVersion.get() ?? 0}`;
    if (current !== seenEpoch) {
      entries.clear();
      seenEpoch = current;
    }
    return current;
  }

  return {
    epoch,
    /** The remembered verdict of `token`, if still good at `nowMs` and in the current epoch. */
    get(token: string, nowMs: number): Authenticated | undefined {
      const current = epoch();
      const entry = entries.get(token);
      if (!entry) {
        return undefined;
      }
      if (entry.epoch !== current || nowMs >= entry.validUntilMs) {
        entries.delete(token);
        return undefined;
      }
      return entry.authenticated;
    },
    /** Remembers a verdict reached from the state of `epochBefore` (read before the checks began). */
    set(token: string, authenticated: Authenticated, validUntilMs: number, epochBefore: string): void {
      if (epochBefore !== epoch()) {
        return; // Something changed while the token was checked: the next request checks again.
      }
      if (entries.size >= maxEntries) {
        entries.clear();
      }
      entries.set(token, { authenticated, validUntilMs, epoch: epochBefore });
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
