import type Database from 'better-sqlite3';
import { invoicingGuard } from './invoicing/guard';
import { missionBillingGuard } from './invoicing/mission-billing-guard';
import { planningGuard } from './planning/guard';
import { missionAmountsGuard } from './planning/mission-amounts';
import type { WriteGuard } from './replication/guards';

/**
 * The business rules that need the database, for every writer of the store: the HTTP app, the
 * import and demo commands. The invoicing guard takes numbers: it comes last, so no later rule
 * refuses a document already numbered; the mission billing guard, which may take lines off a
 * draft, comes before it.
 */
export function serverWriteGuards(sqlite: Database.Database, options: { now?: (() => Date) | undefined } = {}): WriteGuard[] {
  const clock = options.now ? { now: options.now } : {};
  return [planningGuard(sqlite, clock), missionAmountsGuard(sqlite), missionBillingGuard(sqlite), invoicingGuard(sqlite, clock)];
}
