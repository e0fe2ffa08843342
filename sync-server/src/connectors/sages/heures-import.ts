import type { Db } from '../../db/client';
import { sagesHeures } from '../../db/tables';
import type { BatiSimplyClient, BatiSimplyTimeSlot } from './batisimply-client';
import type { SagesSettings } from './config';
import { fingerprint, Reporter, type SagesReport, type SagesRunContext } from './report';

type HeureRow = typeof sagesHeures.$inferSelect;

const dayMs = 86_400_000;
/** BatiSimply is asked for the window a month at a time, so no answer grows without bound. */
const chunkDays = 31;

/** The day (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function localDay(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export function employeeName(slot: BatiSimplyTimeSlot): string | null {
  const name = [slot.user.firstName, slot.user.lastName].filter((part) => typeof part === 'string' && part.trim() !== '').join(' ');
  return name === '' ? null : name;
}

/** The hub row of a slot; its fingerprint covers what reaches `SuiviMO` (and the status that lets it go). */
export function heureRow(slot: BatiSimplyTimeSlot, timeZone: string, at: string): Omit<HeureRow, 'sent_hash' | 'sent_at'> {
  const fields = {
    slot_id: String(slot.id),
    user_id: String(slot.user.id),
    salarie_nom: employeeName(slot),
    project_id: slot.project ? String(slot.project.id) : null,
    debut_utc: slot.startDate,
    fin_utc: slot.endDate,
    date_locale: localDay(slot.startDate, timeZone),
    minutes: Math.round(slot.totalTimeMinutes),
    panier: slot.hasPackedLunch ? 1 : 0,
    trajet: slot.hasHomeToWorkJourney ? 1 : 0,
    statut: slot.managementStatus,
  };
  const { salarie_nom: _name, debut_utc: _start, fin_utc: _end, ...sent } = fields;
  return { ...fields, hash: fingerprint(sent), changed_at: at };
}

/**
 * `heures-import`: BatiSimply's time slots over the sliding window (UTC, converted to the local day)
 * upserted by slot id; a slot whose sent fields change becomes "to send" again (its hash moves away
 * from `sent_hash`).
 */
export async function importHeures(db: Db, client: BatiSimplyClient, settings: SagesSettings, context: SagesRunContext, now: () => Date): Promise<SagesReport> {
  const reporter = new Reporter('heures-import', context);
  const today = Date.UTC(now().getUTCFullYear(), now().getUTCMonth(), now().getUTCDate());
  const first = today - settings.windowDays * dayMs;
  const slots: BatiSimplyTimeSlot[] = [];
  const chunks = Math.ceil((settings.windowDays + 1) / chunkDays);
  for (let chunk = 0; chunk < chunks; chunk++) {
    const start = first + chunk * chunkDays * dayMs;
    const end = Math.min(start + (chunkDays - 1) * dayMs, today);
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    slots.push(...(await client.timeSlots(`${day(start)}T00:00:00Z`, `${day(end)}T23:59:59Z`)));
    context.progress({ done: chunk + 1, total: chunks, label: 'lecture des créneaux BatiSimply' });
  }
  const existing = new Map(db.select().from(sagesHeures).all().map((row) => [row.slot_id, row]));
  const at = now().toISOString();
  const writes: Omit<HeureRow, 'sent_hash' | 'sent_at'>[] = [];
  const seen = new Set<string>();
  for (const slot of slots) {
    const row = heureRow(slot, settings.timeZone, at);
    if (seen.has(row.slot_id)) continue;
    seen.add(row.slot_id);
    const before = existing.get(row.slot_id);
    if (before?.hash === row.hash && before.salarie_nom === row.salarie_nom) {
      reporter.skipped();
      continue;
    }
    const label = `${row.salarie_nom ?? 'salarié BatiSimply'}, ${row.date_locale}, ${(row.minutes / 60).toFixed(2)} h`;
    reporter.change({ action: before ? 'update' : 'create', label }, before ? 'updated' : 'created');
    writes.push(row);
  }
  if (!context.dryRun) {
    db.transaction((tx) => {
      for (const row of writes) {
        tx.insert(sagesHeures).values(row).onConflictDoUpdate({ target: sagesHeures.slot_id, set: row }).run();
      }
    });
  }
  return reporter.report;
}
