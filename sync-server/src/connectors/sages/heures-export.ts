import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sagesChantiers, sagesHeures, sagesProjectCodes, sagesSlotRows } from '../../db/tables';
import type { SagesSettings } from './config';
import { Reporter, type SagesReport, type SagesRunContext } from './report';
import { dateToDay, dayAsDate, sql, tableName, withSqlServer } from './sql-server';

type HeureRow = typeof sagesHeures.$inferSelect;
type SlotRow = typeof sagesSlotRows.$inferSelect;

/** A `SuiviMO` row's key. */
interface RowKey {
  chantier: string;
  salarie: string;
  day: string;
}

interface Contribution extends RowKey {
  heures: number;
  trajet: number;
  panier: number;
}

const keyText = (key: RowKey): string => `${key.chantier}\u0000${key.salarie}\u0000${key.day}`;
const sameKey = (a: RowKey, b: RowKey): boolean => keyText(a) === keyText(b);

/** What one `SuiviMO` row should hold: the sum of the slots lying on it (several slots a day add up). */
interface RowTotal {
  heures: number;
  trajet: number;
  panier: number;
}

type Operation =
  | { kind: 'move'; from: RowKey; to: RowKey; total: RowTotal }
  | { kind: 'upsert'; key: RowKey; total: RowTotal }
  | { kind: 'delete'; key: RowKey };

function toSend(db: Db): HeureRow[] {
  return db
    .select()
    .from(sagesHeures)
    .where(and(eq(sagesHeures.statut, 'VALIDATED'), or(isNull(sagesHeures.sent_hash), ne(sagesHeures.sent_hash, sagesHeures.hash))))
    .orderBy(sagesHeures.date_locale, sagesHeures.slot_id)
    .all();
}

/**
 * The statements for one batch: each key the batch touches gets the total of the slots that lie on
 * it afterwards; a slot moved off a row nobody else uses, onto a row nobody uses yet, moves that row
 * (UPDATE of its key) rather than leaving it behind and inserting another.
 */
function planBatch(batch: { slot: HeureRow; to: Contribution }[], placed: Map<string, SlotRow>, byKey: Map<string, Set<string>>): Operation[] {
  const inBatch = new Map(batch.map((entry) => [entry.slot.slot_id, entry.to]));
  const touched = new Map<string, RowKey>();
  for (const { slot, to } of batch) {
    touched.set(keyText(to), to);
    const from = placed.get(slot.slot_id);
    if (from) touched.set(keyText(rowKeyOf(from)), rowKeyOf(from));
  }
  const totals = new Map<string, RowTotal>();
  for (const [text, key] of touched) {
    const total: RowTotal = { heures: 0, trajet: 0, panier: 0 };
    const add = (part: { heures: number; trajet: number; panier: number }): void => {
      total.heures += part.heures;
      total.trajet = Math.max(total.trajet, part.trajet);
      total.panier = Math.max(total.panier, part.panier);
    };
    for (const slotId of byKey.get(text) ?? []) {
      const row = placed.get(slotId);
      if (row && !inBatch.has(slotId)) add(row);
    }
    for (const { to } of batch) if (sameKey(to, key)) add(to);
    totals.set(text, total);
  }
  const operations: Operation[] = [];
  const done = new Set<string>();
  const emptied = (text: string): boolean => (totals.get(text)?.heures ?? 0) === 0 && !batch.some((entry) => keyText(entry.to) === text);
  const unused = (text: string): boolean => (byKey.get(text)?.size ?? 0) === 0;
  for (const { slot, to } of batch) {
    const from = placed.get(slot.slot_id);
    const fromText = from ? keyText(rowKeyOf(from)) : '';
    const toText = keyText(to);
    if (from && fromText !== toText && !done.has(fromText) && !done.has(toText) && emptied(fromText) && unused(toText)) {
      operations.push({ kind: 'move', from: rowKeyOf(from), to, total: totals.get(toText) ?? to });
      done.add(fromText).add(toText);
    }
  }
  for (const [text, key] of touched) {
    if (done.has(text)) continue;
    const total = totals.get(text);
    operations.push(total && (total.heures > 0 || batch.some((entry) => keyText(entry.to) === text)) ? { kind: 'upsert', key, total } : { kind: 'delete', key });
  }
  return operations;
}

function rowKeyOf(row: SlotRow): RowKey {
  return { chantier: row.code_chantier, salarie: row.code_salarie, day: row.date };
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * The keys among the batch's upserts that `SuiviMO` already holds, in one SELECT: a key known absent
 * is inserted at once, one round trip instead of an UPDATE that finds nothing and then an INSERT.
 */
async function presentKeys(transaction: sql.Transaction, table: string, operations: readonly Operation[]): Promise<Set<string>> {
  const keys = operations.flatMap((operation) => (operation.kind === 'upsert' ? [operation.key] : []));
  if (keys.length === 0) return new Set();
  const days = keys.map((key) => key.day).sort();
  const salaries = [...new Set(keys.map((key) => key.salarie))];
  const request = new sql.Request(transaction).input('d0', sql.DateTime, dayAsDate(days[0] ?? '')).input('d1', sql.DateTime, dayAsDate(days.at(-1) ?? ''));
  // SQL Server takes 2 100 parameters at most: past 1 000 employees, the days alone narrow the read.
  const bySalarie = salaries.length <= 1000;
  if (bySalarie) salaries.forEach((salarie, index) => request.input(`s${index}`, sql.NVarChar(50), salarie));
  const filter = bySalarie ? ` AND CodeSalarie IN (${salaries.map((_, index) => `@s${index}`).join(', ')})` : '';
  const result = await request.query<{ CodeChantier: string; CodeSalarie: string; Date: Date }>(
    `SELECT CodeChantier, CodeSalarie, [Date] FROM ${table} WHERE [Date] >= @d0 AND [Date] <= @d1${filter}`,
  );
  return new Set(result.recordset.map((row) => keyText({ chantier: String(row.CodeChantier).trim(), salarie: String(row.CodeSalarie).trim(), day: dateToDay(row.Date) ?? '' })));
}

async function apply(transaction: sql.Transaction, table: string, operation: Operation, present: ReadonlySet<string>): Promise<void> {
  const request = (): sql.Request => new sql.Request(transaction);
  const keyed = (r: sql.Request, key: RowKey, prefix: string): sql.Request =>
    r.input(`${prefix}c`, sql.NVarChar(50), key.chantier).input(`${prefix}s`, sql.NVarChar(50), key.salarie).input(`${prefix}d`, sql.DateTime, dayAsDate(key.day));
  const valued = (r: sql.Request, total: RowTotal): sql.Request =>
    r.input('h0', sql.Decimal(18, 4), round4(total.heures)).input('h3', sql.Decimal(18, 4), total.trajet).input('h4', sql.Decimal(18, 4), total.panier);
  const where = (prefix: string): string => `CodeChantier = @${prefix}c AND CodeSalarie = @${prefix}s AND [Date] = @${prefix}d`;
  const insert = async (key: RowKey, total: RowTotal): Promise<void> => {
    await valued(keyed(request(), key, 'n'), total).query(`INSERT INTO ${table} (CodeChantier, CodeSalarie, [Date], NbH0, NbH3, NbH4) VALUES (@nc, @ns, @nd, @h0, @h3, @h4)`);
  };
  switch (operation.kind) {
    case 'move': {
      const moved = await valued(keyed(keyed(request(), operation.from, 'o'), operation.to, 'n'), operation.total).query(
        `UPDATE ${table} SET CodeChantier = @nc, CodeSalarie = @ns, [Date] = @nd, NbH0 = @h0, NbH3 = @h3, NbH4 = @h4 WHERE ${where('o')}`,
      );
      if ((moved.rowsAffected[0] ?? 0) === 0) await insert(operation.to, operation.total);
      return;
    }
    case 'upsert': {
      if (!present.has(keyText(operation.key))) {
        await insert(operation.key, operation.total);
        return;
      }
      const updated = await valued(keyed(request(), operation.key, 'n'), operation.total).query(`UPDATE ${table} SET NbH0 = @h0, NbH3 = @h3, NbH4 = @h4 WHERE ${where('n')}`);
      if ((updated.rowsAffected[0] ?? 0) === 0) await insert(operation.key, operation.total);
      return;
    }
    case 'delete':
      await keyed(request(), operation.key, 'o').query(`DELETE FROM ${table} WHERE ${where('o')}`);
      return;
  }
}

/**
 * `heures-export`: the VALIDATED slots not yet sent (or changed since), written into `SuiviMO`, one
 * SQL Server transaction per batch; a batch is marked sent in the hub only once its commit succeeded.
 * Employee through `Salarie.codebs`, chantier through the project id ↔ code map. A slot that cannot
 * be mapped is reported by name and stays to send; the others go.
 */
export async function exportHeures(db: Db, settings: SagesSettings, context: SagesRunContext, now: () => Date): Promise<SagesReport> {
  const reporter = new Reporter('heures-export', context);
  const pending = toSend(db);
  const codes = new Map(db.select().from(sagesProjectCodes).all().map((row) => [row.project_id, row.code]));
  for (const chantier of db.select({ code: sagesChantiers.code, id: sagesChantiers.bs_project_id }).from(sagesChantiers).all()) {
    if (chantier.id !== null && !codes.has(chantier.id)) codes.set(chantier.id, chantier.code);
  }
  const placed = new Map(db.select().from(sagesSlotRows).all().map((row) => [row.slot_id, row]));
  const byKey = new Map<string, Set<string>>();
  const index = (slotId: string, key: RowKey): void => {
    const text = keyText(key);
    byKey.set(text, (byKey.get(text) ?? new Set()).add(slotId));
  };
  for (const row of placed.values()) index(row.slot_id, rowKeyOf(row));
  const table = tableName(settings.sqlServer.tables.heures);

  await withSqlServer(settings.sqlServer, async (pool) => {
    const salaries = await pool.request().query<{ Code: string; codebs: string }>(`SELECT Code, codebs FROM ${tableName(settings.sqlServer.tables.salaries)} WHERE codebs IS NOT NULL`);
    const salarieByUser = new Map(salaries.recordset.map((row) => [String(row.codebs).trim(), String(row.Code).trim()]));
    const mapped: { slot: HeureRow; to: Contribution }[] = [];
    for (const slot of pending) {
      const salarie = salarieByUser.get(slot.user_id);
      const chantier = slot.project_id === null ? undefined : codes.get(slot.project_id);
      const name = slot.salarie_nom ?? `utilisateur BatiSimply ${slot.user_id}`;
      if (salarie === undefined) reporter.unmapped({ name, day: slot.date_locale, reason: 'salarie_inconnu' });
      else if (chantier === undefined) reporter.unmapped({ name, day: slot.date_locale, reason: 'projet_inconnu' });
      else mapped.push({ slot, to: { chantier, salarie, day: slot.date_locale, heures: slot.minutes / 60, trajet: slot.trajet, panier: slot.panier } });
    }
    for (let start = 0; start < mapped.length; start += settings.batchSize) {
      if (context.signal.aborted) break;
      const batch = mapped.slice(start, start + settings.batchSize);
      const operations = planBatch(batch, placed, byKey);
      for (const { slot, to } of batch) {
        const from = placed.get(slot.slot_id);
        const label = `${slot.salarie_nom ?? to.salarie}, ${to.day}, chantier ${to.chantier}, ${(slot.minutes / 60).toFixed(2)} h`;
        reporter.change({ action: from && !sameKey(rowKeyOf(from), to) ? 'move' : 'send', label }, context.dryRun ? (from ? 'updated' : 'created') : null);
      }
      if (context.dryRun) continue;
      const transaction = new sql.Transaction(pool);
      await transaction.begin();
      try {
        const present = await presentKeys(transaction, table, operations);
        for (const operation of operations) await apply(transaction, table, operation, present);
        await transaction.commit();
      } catch (error) {
        await transaction.rollback().catch(() => undefined);
        const message = error instanceof Error ? error.message : String(error);
        reporter.failed({ label: `lot de ${batch.length} créneaux à partir du ${batch[0]?.to.day ?? ''}`, message }, batch.length);
        throw new Error(`SQL Server a refusé un lot de créneaux ; rien de ce lot n'est marqué envoyé : ${message}`, { cause: error });
      }
      // Committed: now, and only now, the hub marks the batch sent and remembers where each slot lies.
      const at = now().toISOString();
      db.transaction((tx) => {
        for (const { slot, to } of batch) {
          const row: SlotRow = { slot_id: slot.slot_id, code_chantier: to.chantier, code_salarie: to.salarie, date: to.day, heures: to.heures, trajet: to.trajet, panier: to.panier, sent_at: at };
          tx.insert(sagesSlotRows).values(row).onConflictDoUpdate({ target: sagesSlotRows.slot_id, set: row }).run();
          tx.update(sagesHeures).set({ sent_hash: slot.hash, sent_at: at }).where(eq(sagesHeures.slot_id, slot.slot_id)).run();
        }
      });
      for (const { slot, to } of batch) {
        const from = placed.get(slot.slot_id);
        if (from) byKey.get(keyText(rowKeyOf(from)))?.delete(slot.slot_id);
        reporter.report.counts[from ? 'updated' : 'created']++;
        context.count(from ? 'updated' : 'created');
        placed.set(slot.slot_id, { slot_id: slot.slot_id, code_chantier: to.chantier, code_salarie: to.salarie, date: to.day, heures: to.heures, trajet: to.trajet, panier: to.panier, sent_at: at });
        index(slot.slot_id, to);
      }
      context.progress({ done: Math.min(start + batch.length, mapped.length), total: mapped.length, label: 'écriture des heures dans Batigest' });
    }
  });
  return reporter.report;
}
