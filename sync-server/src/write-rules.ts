import type Database from 'better-sqlite3';
import { invoicingGuard } from './invoicing/guard';
import { planningGuard } from './planning/guard';
import { missionAmountsGuard } from './planning/mission-amounts';
import type { WriteGuard } from './replication/guards';

/**
 * The business rules that need the database, for every writer of the store: the HTTP app, the
 * import and demo commands. The invoicing guard takes numbers: it comes last, so no later rule
 * refuses a document already numbered.
 */
export function serverWriteGuards(sqlite: Database.Database, options: { now?: (() => Date) | undefined } = {}): WriteGuard[] {
  const clock = options.now ? { now: options.now } : {};
  return [planningGuard(sqlite, clock), missionAmountsGuard(sqlite), invoicingGuard(sqlite, clock)];
}
