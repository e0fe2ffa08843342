import { and, asc, desc, eq, gt, isNull, lt, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { authEvents, mfaChallenges, refreshTokenRotations, sessions, users } from '../db/tables';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;
export type ChallengeRow = typeof mfaChallenges.$inferSelect;
export type RotationRow = typeof refreshTokenRotations.$inferSelect;

/** Where a request came from, recorded with sessions and events. */
export interface RequestOrigin {
  hostname: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuthEvent {
  at: string;
  actor: string | null;
  action: string;
  target?: string | null;
  sessionId?: string | null;
  origin?: RequestOrigin | undefined;
  details?: Record<string, unknown> | undefined;
}

export type UserPatch = Partial<Omit<UserRow, 'id' | 'username' | 'created_at'>>;

/** The tables of identity, as plain reads and writes; the rules live in the services. */
export function createAuthRepository(db: Db) {
  /** Writes that may change whether a session is still good (see `session-cache.ts`). */
  let writes = 0;
  const changed = <T>(result: T): T => {
    writes += 1;
    return result;
  };
  return {
    /** How many writes of users and sessions this process made that a session check depends on. */
    writes(): number {
      return writes;
    },
    countUsers(): number {
      return db.select({ count: sql<number>`count(*)` }).from(users).get()?.count ?? 0;
    },
    userById(id: number): UserRow | undefined {
      return db.select().from(users).where(eq(users.id, id)).get();
    },
    userByUsername(username: string): UserRow | undefined {
      return db.select().from(users).where(eq(users.username, username)).get();
    },
    listUsers(activeOnly: boolean): UserRow[] {
      const query = db.select().from(users);
      return (activeOnly ? query.where(eq(users.is_active, true)) : query).orderBy(asc(users.username)).all();
    },
    countActiveSystemAdmins(exceptId?: number): number {
      const conditions = [eq(users.is_system_admin, true), eq(users.is_active, true)];
      if (exceptId !== undefined) {
        conditions.push(ne(users.id, exceptId));
      }
      return db.select({ count: sql<number>`count(*)` }).from(users).where(and(...conditions)).get()?.count ?? 0;
    },
    insertUser(user: NewUser): UserRow {
      return db.insert(users).values(user).returning().get();
    },
    updateUser(id: number, patch: UserPatch): UserRow | undefined {
      return changed(db.update(users).set(patch).where(eq(users.id, id)).returning().get());
    },
    /**
     * Counts a sign-in attempt before its password is checked, in one statement, so parallel guesses
     * each count: undefined while the account is locked; otherwise the new count and, when it reaches
     * `maxFailures`, the lock this attempt set. A lock that has run out starts the count again.
     */
    countSignInAttempt(id: number, now: string, maxFailures: number, lockUntil: string): Pick<UserRow, 'failed_attempts' | 'locked_until'> | undefined {
      const count = sql`(CASE WHEN ${users.locked_until} IS NOT NULL THEN 1 ELSE ${users.failed_attempts} + 1 END)`;
      writes += 1;
      return db
        .update(users)
        .set({ failed_attempts: count, locked_until: sql`(CASE WHEN ${count} >= ${maxFailures} THEN ${lockUntil} ELSE NULL END)` })
        .where(and(eq(users.id, id), or(isNull(users.locked_until), lte(users.locked_until, now))))
        .returning({ failed_attempts: users.failed_attempts, locked_until: users.locked_until })
        .get();
    },

    insertSession(session: typeof sessions.$inferInsert): SessionRow {
      return db.insert(sessions).values(session).returning().get();
    },
    sessionById(id: string): SessionRow | undefined {
      return db.select().from(sessions).where(eq(sessions.id, id)).get();
    },
    sessionByRefreshHash(hash: string): SessionRow | undefined {
      return db.select().from(sessions).where(eq(sessions.refresh_token_hash, hash)).get();
    },
    updateSession(id: string, patch: Partial<Omit<SessionRow, 'id'>>): void {
      // The activity time alone says nothing about whether the session is good.
      if (Object.keys(patch).some((key) => key !== 'last_activity')) {
        writes += 1;
      }
      db.update(sessions).set(patch).where(eq(sessions.id, id)).run();
    },
    /** Did this user sign in from this address since `since` (a session opened from it)? */
    hasSessionFrom(userId: number, ip: string, since: string): boolean {
      return db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.user_id, userId), eq(sessions.ip, ip), gt(sessions.created_at, since))).limit(1).get() !== undefined;
    },
    /**
     * Replaces the session's refresh token, remembering the old hash (for reuse detection) as long as
     * the session could last; in one transaction.
     */
    rotateRefreshToken(session: SessionRow, patch: Pick<SessionRow, 'refresh_token_hash' | 'last_activity' | 'expires_at' | 'ip'>, forgetBefore: string): void {
      writes += 1;
      db.transaction((tx) => {
        tx.insert(refreshTokenRotations).values({ token_hash: session.refresh_token_hash, session_id: session.id, rotated_at: patch.last_activity }).run();
        tx.update(sessions).set(patch).where(eq(sessions.id, session.id)).run();
        tx.delete(refreshTokenRotations).where(and(eq(refreshTokenRotations.session_id, session.id), lt(refreshTokenRotations.rotated_at, forgetBefore))).run();
      });
    },
    rotationByHash(hash: string): RotationRow | undefined {
      return db.select().from(refreshTokenRotations).where(eq(refreshTokenRotations.token_hash, hash)).get();
    },
    /** The token this session rotated away from last (the one a simultaneous refresh may still send). */
    latestRotation(sessionId: string): RotationRow | undefined {
      return db.select().from(refreshTokenRotations).where(eq(refreshTokenRotations.session_id, sessionId)).orderBy(desc(refreshTokenRotations.rotated_at), desc(sql`rowid`)).limit(1).get();
    },
    /** Open sessions (not revoked, not expired) with their user, newest first; all of them with `all`. */
    listSessions(now: string, all: boolean): (SessionRow & { username: string; display_name: string })[] {
      const query = db
        .select({ session: sessions, username: users.username, display_name: users.display_name })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.user_id));
      const rows = (all ? query : query.where(and(isNull(sessions.revoked_at), gt(sessions.expires_at, now))))
        .orderBy(sql`${sessions.last_activity} DESC`)
        .all();
      return rows.map((row) => ({ ...row.session, username: row.username, display_name: row.display_name }));
    },
    /** Revokes the open sessions matching the filter; returns their ids. */
    revokeSessions(filter: { userId?: number; sessionId?: string; exceptSessionId?: string; exceptSystemAdmins?: boolean }, at: string, reason: string): string[] {
      const conditions = [isNull(sessions.revoked_at)];
      if (filter.userId !== undefined) {
        conditions.push(eq(sessions.user_id, filter.userId));
      }
      if (filter.sessionId !== undefined) {
        conditions.push(eq(sessions.id, filter.sessionId));
      }
      if (filter.exceptSessionId !== undefined) {
        conditions.push(ne(sessions.id, filter.exceptSessionId));
      }
      if (filter.exceptSystemAdmins) {
        conditions.push(notInArray(sessions.user_id, db.select({ id: users.id }).from(users).where(eq(users.is_system_admin, true))));
      }
      writes += 1;
      return db
        .update(sessions)
        .set({ revoked_at: at, revoked_reason: reason })
        .where(and(...conditions))
        .returning({ id: sessions.id })
        .all()
        .map((row) => row.id);
    },

    insertChallenge(challenge: typeof mfaChallenges.$inferInsert): void {
      db.insert(mfaChallenges).values(challenge).run();
    },
    challengeById(id: string): ChallengeRow | undefined {
      return db.select().from(mfaChallenges).where(eq(mfaChallenges.id, id)).get();
    },
    updateChallenge(id: string, patch: Partial<Omit<ChallengeRow, 'id'>>): void {
      db.update(mfaChallenges).set(patch).where(eq(mfaChallenges.id, id)).run();
    },
    deleteChallenge(id: string): void {
      db.delete(mfaChallenges).where(eq(mfaChallenges.id, id)).run();
    },

    /** Appends to the identity half of the activity log; nothing ever updates or deletes it. */
    logEvent(event: AuthEvent): void {
      db.insert(authEvents)
        .values({
          at: event.at,
          actor: event.actor,
          action: event.action,
          target: event.target ?? null,
          session_id: event.sessionId ?? null,
          hostname: event.origin?.hostname ?? null,
          ip: event.origin?.ip ?? null,
          user_agent: event.origin?.userAgent ?? null,
          details: event.details ?? null,
        })
        .run();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
