import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { authEvents, mfaChallenges, sessions, users } from '../db/tables';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;
export type ChallengeRow = typeof mfaChallenges.$inferSelect;

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
  return {
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
      return db.update(users).set(patch).where(eq(users.id, id)).returning().get();
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
      db.update(sessions).set(patch).where(eq(sessions.id, id)).run();
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
    revokeSessions(filter: { userId?: number; sessionId?: string; exceptSessionId?: string }, at: string, reason: string): string[] {
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
