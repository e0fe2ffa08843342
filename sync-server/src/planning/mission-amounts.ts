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
  return ({ collection, incoming, existing }) => {
    if (collection !== 'missions' || incoming._deleted) {
      return { ok: true };
    }
    // Read once per write, and only when an amount is to be derived.
    let revenueTable: RevenuPalette[] | undefined;
    const revenueOf = (mission: Amounts): number | undefined => {
      revenueTable ??= selectRevenus.all().map((row) => revenus.toDocument(row) as unknown as RevenuPalette);
      return missionRevenue(mission, revenueTable);
    };
    const tariffs = new Map<string, Sst['tarifs']>();
    const costOf = (mission: Amounts): number | undefined => {
      if (mission.sst_id === undefined) {
        return undefined;
      }
      if (!tariffs.has(mission.sst_id)) {
        const row = selectSst.get(mission.sst_id);
        tariffs.set(mission.sst_id, row ? ((ssts.toDocument(row) as unknown as Sst).tarifs ?? []) : undefined);
      }
      const found = tariffs.get(mission.sst_id);
      return found ? missionCost(mission, found) : undefined;
    };
    const mission = incoming as unknown as Amounts;
    const before = existing && !existing._deleted ? (existing as unknown as Amounts) : undefined;
    const set: Record<string, unknown> = {};
    // Derived before and not retyped: follows its inputs.
    const revenueWasDerived = before?.revenu !== undefined && mission.revenu === before.revenu && before.revenu === revenueOf(before);
    if ((mission.revenu === undefined || revenueWasDerived) && changed(incoming, existing, revenueInputs)) {
      set['revenu'] = revenueOf(mission);
    }
    const costWasDerived = before?.cout_sst !== undefined && mission.cout_sst === before.cout_sst && before.cout_sst === costOf(before);
    if ((mission.cout_sst === undefined || costWasDerived) && changed(incoming, existing, costInputs)) {
      set['cout_sst'] = costOf(mission);
    }
    return Object.keys(set).length > 0 ? { ok: true, set } : { ok: true };
  };
}
