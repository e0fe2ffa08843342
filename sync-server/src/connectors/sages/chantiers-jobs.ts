import { eq, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sagesChantiers, sagesProjectCodes } from '../../db/tables';
import { BatiSimplyError, type BatiSimplyClient, type BatiSimplyProjectBody } from './batisimply-client';
import type { SagesSettings } from './config';
import { fingerprint, Reporter, type SagesReport, type SagesRunContext } from './report';
import { dateToDay, sql, tableName, withSqlServer } from './sql-server';

type ChantierRow = typeof sagesChantiers.$inferSelect;

interface BatigestChantier {
  Code: string;
  Libelle: string | null;
  DateDebut: Date | null;
  DateFin: Date | null;
  CodeClient: string | null;
  NomClient: string | null;
  Adresse: string | null;
  CodePostal: string | null;
  Ville: string | null;
  HeuresVendues: number | null;
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** What BatiSimply receives for a chantier; its fingerprint decides whether it is to export. */
export function projectBody(row: Omit<ChantierRow, 'hash' | 'changed_at' | 'bs_project_id' | 'exported_hash' | 'exported_at'>): BatiSimplyProjectBody {
  return {
    projectCode: row.code,
    projectName: row.libelle,
    customerName: row.client ?? row.code_client,
    comment: null,
    startEstimated: row.date_debut,
    endEstimated: row.date_fin,
    hoursSold: row.heures_vendues,
    address: { street: row.adresse, postalCode: row.code_postal, city: row.ville, countryCode: 'FR' },
    isArchived: false,
    isFinished: row.actif === 0,
  };
}

/** `chantiers-import`: the active chantiers of Batigest upserted by code; one no longer active is marked finished. */
export async function importChantiers(db: Db, settings: SagesSettings, context: SagesRunContext, now: () => Date): Promise<SagesReport> {
  const reporter = new Reporter('chantiers-import', context);
  const source = await withSqlServer(settings.sqlServer, async (pool) => {
    const result = await pool
      .request()
      .input('etat', sql.NVarChar(1), 'E')
      .query<BatigestChantier>(
        `SELECT Code, Libelle, DateDebut, DateFin, CodeClient, NomClient, Adresse, CodePostal, Ville, HeuresVendues FROM ${tableName(settings.sqlServer.tables.chantiers)} WHERE Etat = @etat`,
      );
    return result.recordset;
  });
  const existing = new Map(db.select().from(sagesChantiers).all().map((row) => [row.code, row]));
  const at = now().toISOString();
  const writes: ChantierRow[] = [];
  const seen = new Set<string>();
  for (const [index, chantier] of source.entries()) {
    const code = text(chantier.Code);
    if (code === null) {
      reporter.unmapped({ name: text(chantier.Libelle) ?? 'chantier sans libellé', day: null, reason: 'chantier_sans_code' });
      continue;
    }
    seen.add(code);
    const fields = {
      code,
      libelle: text(chantier.Libelle) ?? code,
      date_debut: dateToDay(chantier.DateDebut),
      date_fin: dateToDay(chantier.DateFin),
      code_client: text(chantier.CodeClient),
      client: text(chantier.NomClient),
      adresse: text(chantier.Adresse),
      code_postal: text(chantier.CodePostal),
      ville: text(chantier.Ville),
      heures_vendues: chantier.HeuresVendues === null ? null : Number(chantier.HeuresVendues),
      actif: 1,
    };
    const hash = fingerprint(projectBody(fields));
    const before = existing.get(code);
    if (before?.hash === hash && before.actif === 1) {
      reporter.skipped();
    } else {
      reporter.change({ action: before ? 'update' : 'create', label: `${code} ${fields.libelle}` }, before ? 'updated' : 'created');
      writes.push({ ...fields, hash, changed_at: at, bs_project_id: before?.bs_project_id ?? null, exported_hash: before?.exported_hash ?? null, exported_at: before?.exported_at ?? null });
    }
    if (index % 200 === 0) context.progress({ done: index, total: source.length, label: 'lecture des chantiers' });
  }
  for (const row of existing.values()) {
    if (row.actif === 1 && !seen.has(row.code)) {
      const closed = { ...row, actif: 0 };
      reporter.change({ action: 'archive', label: `${row.code} ${row.libelle}` }, 'updated');
      writes.push({ ...closed, hash: fingerprint(projectBody(closed)), changed_at: at });
    }
  }
  if (!context.dryRun) {
    db.transaction((tx) => {
      for (const row of writes) {
        tx.insert(sagesChantiers).values(row).onConflictDoUpdate({ target: sagesChantiers.code, set: row }).run();
      }
    });
  }
  context.progress({ done: source.length, total: source.length, label: 'chantiers importés' });
  return reporter.report;
}

/** Runs `work` on each item, `width` at a time, in order of start. */
async function eachLimited<T>(items: readonly T[], width: number, signal: AbortSignal, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      await work(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
}

/**
 * `chantiers-export`: each chantier changed since its last export is created in BatiSimply (or
 * updated when its project exists: by id, else found by code); the project id is kept on it.
 */
export async function exportChantiers(db: Db, client: BatiSimplyClient, context: SagesRunContext, now: () => Date): Promise<SagesReport> {
  const reporter = new Reporter('chantiers-export', context);
  const pending = db
    .select()
    .from(sagesChantiers)
    .where(or(isNull(sagesChantiers.exported_hash), ne(sagesChantiers.exported_hash, sagesChantiers.hash)))
    .all();
  const total = db.select({ code: sagesChantiers.code }).from(sagesChantiers).all().length;
  reporter.skipped(total - pending.length);
  const byCode = new Map(db.select().from(sagesProjectCodes).all().map((row) => [row.code, row.project_id]));
  let done = 0;
  await eachLimited(pending, 4, context.signal, async (row) => {
    const body = projectBody(row);
    const projectId = row.bs_project_id ?? byCode.get(row.code) ?? null;
    const label = `${row.code} ${row.libelle}`;
    if (context.dryRun) {
      reporter.change({ action: projectId ? 'update' : 'create', label }, projectId ? 'updated' : 'created');
      return;
    }
    try {
      let id = projectId;
      if (id) {
        await client.updateProject({ ...body, id });
      } else {
        id = (await client.createProject(body)).id;
      }
      const at = now().toISOString();
      db.transaction((tx) => {
        tx.update(sagesChantiers).set({ bs_project_id: id, exported_hash: row.hash, exported_at: at }).where(eq(sagesChantiers.code, row.code)).run();
        tx.insert(sagesProjectCodes)
          .values({ project_id: id, code: row.code, nom: row.libelle, refreshed_at: at })
          .onConflictDoUpdate({ target: sagesProjectCodes.project_id, set: { code: row.code, nom: row.libelle, refreshed_at: at } })
          .run();
      });
      reporter.change({ action: projectId ? 'update' : 'create', label }, projectId ? 'updated' : 'created');
    } catch (error) {
      if (!(error instanceof BatiSimplyError)) throw error;
      reporter.failed({ label, message: error.message });
    } finally {
      done++;
      if (done % 50 === 0) context.progress({ done, total: pending.length, label: 'envoi des chantiers' });
    }
  });
  context.progress({ done: pending.length, total: pending.length, label: 'chantiers envoyés' });
  return reporter.report;
}

/** `codes-projet`: BatiSimply's projects read again, the id ↔ code map and each chantier's project id refreshed. */
export async function refreshProjectCodes(db: Db, client: BatiSimplyClient, context: SagesRunContext, now: () => Date): Promise<SagesReport> {
  const reporter = new Reporter('codes-projet', context);
  const projects = await client.listProjects();
  const known = new Map(db.select().from(sagesProjectCodes).all().map((row) => [row.project_id, row]));
  const chantiers = new Map(db.select().from(sagesChantiers).all().map((row) => [row.code, row]));
  const at = now().toISOString();
  const writes: (typeof sagesProjectCodes.$inferInsert)[] = [];
  const links: { code: string; id: string }[] = [];
  const taken = new Set<string>();
  for (const project of projects) {
    const code = text(project.projectCode);
    if (code === null) {
      reporter.unmapped({ name: project.projectName, day: null, reason: 'chantier_sans_code' });
      continue;
    }
    if (taken.has(code)) {
      reporter.failed({ label: code, message: 'code de projet en double dans BatiSimply' });
      continue;
    }
    taken.add(code);
    const id = String(project.id);
    const before = known.get(id);
    const chantier = chantiers.get(code);
    if (chantier && chantier.bs_project_id !== id) links.push({ code, id });
    if (before?.code === code && before.nom === project.projectName && !(chantier && chantier.bs_project_id !== id)) {
      reporter.skipped();
      continue;
    }
    reporter.change({ action: before ? 'update' : 'create', label: `${code} ${project.projectName}` }, before ? 'updated' : 'created');
    writes.push({ project_id: id, code, nom: project.projectName, refreshed_at: at });
  }
  if (!context.dryRun) {
    db.transaction((tx) => {
      for (const row of writes) {
        tx.delete(sagesProjectCodes).where(eq(sagesProjectCodes.code, row.code)).run();
        tx.insert(sagesProjectCodes).values(row).onConflictDoUpdate({ target: sagesProjectCodes.project_id, set: row }).run();
      }
      for (const link of links) {
        tx.update(sagesChantiers).set({ bs_project_id: link.id }).where(eq(sagesChantiers.code, link.code)).run();
      }
    });
  }
  return reporter.report;
}
