import { missionCost, missionRevenue } from '@relais/domain';
import type { Mission, RevenuPalette, Sst } from '@relais/schema';
import type Database from 'better-sqlite3';
import { createRowMapper, type Doc, type StoredRow } from '../replication/documents';
import type { WriteGuard } from '../replication/guards';

type Amounts = Pick<Mission, 'destination' | 'pays' | 'date_mission' | 'nb_palettes' | 'sst_id' | 'revenu' | 'cout_sst'>;

/** The fields an amount is derived from: when one changes, a derived amount is derived again. */
const revenueInputs = ['destination', 'pays', 'date_mission', 'nb_palettes'] as const;
const costInputs = [...revenueInputs, 'sst_id'] as const;

function changed(incoming: Doc, existing: Doc | undefined, fields: readonly string[]): boolean {
  return existing === undefined || fields.some((field) => incoming[field] !== existing[field]);
}

/**
 * Fills a mission's revenue from the revenue per pallet of its destination, and its subcontracting
 * cost from its subcontractor's tariffs, when they are not given, on the server, for every writer:
 * planners do not see the finance data, so their PWA cannot do it. An amount typed by hand is kept;
 * one the server derived follows the pallets, destination, day and subcontractor when they change.
 */
export function missionAmountsGuard(sqlite: Database.Database): WriteGuard {
  const revenus = createRowMapper('revenus_palettes');
  const ssts = createRowMapper('sst');
  const selectRevenus = sqlite.prepare<[], StoredRow>('SELECT * FROM "revenus_palettes" WHERE "_deleted" = 0');
  const selectSst = sqlite.prepare<[string], StoredRow>('SELECT * FROM "sst" WHERE id = ? AND "_deleted" = 0');
  return ({ collection, incoming, existing, batch }) => {
    if (collection !== 'missions' || incoming._deleted) {
      return { ok: true };
    }
    // Read once per push batch (a missions batch writes neither table), and only when an amount is to be derived.
    const revenueOf = (mission: Amounts): number | undefined =>
      missionRevenue(
        mission,
        batch.once('missionAmounts.revenus', () => selectRevenus.all().map((row) => revenus.toDocument(row) as unknown as RevenuPalette)),
      );
    const costOf = (mission: Amounts): number | undefined => {
      const sstId = mission.sst_id;
      if (sstId === undefined) {
        return undefined;
      }
      const found = batch.once(`missionAmounts.sst.${sstId}`, (): Sst['tarifs'] => {
        const row = selectSst.get(sstId);
        return row ? ((ssts.toDocument(row) as unknown as Sst).tarifs ?? []) : undefined;
      });
      return found ? missionCost(mission, found) : undefined;
    };
    const mission = incoming as unknown as Amounts;
    const before = existing && !existing._deleted ? (existing as unknown as Amounts) : undefined;
    const set: Record<string, unknown> = {};
    // Derived before and not retyped: follows its inputs.
    const revenueWasDerived = before?.revenu !== undefined && mission.revenu === before.revenu && before.revenu === revenueOf(before);
    // Only what changes: an unchanged `set` would copy the document for nothing.
    if ((mission.revenu === undefined || revenueWasDerived) && changed(incoming, existing, revenueInputs)) {
      const revenu = revenueOf(mission);
      if (revenu !== mission.revenu) {
        set['revenu'] = revenu;
      }
    }
    const costWasDerived = before?.cout_sst !== undefined && mission.cout_sst === before.cout_sst && before.cout_sst === costOf(before);
    if ((mission.cout_sst === undefined || costWasDerived) && changed(incoming, existing, costInputs)) {
      const cost = costOf(mission);
      if (cost !== mission.cout_sst) {
        set['cout_sst'] = cost;
      }
    }
    return Object.keys(set).length > 0 ? { ok: true, set } : { ok: true };
  };
}
