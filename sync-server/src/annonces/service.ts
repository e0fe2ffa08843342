import {
  sstContactSchema,
  type AnnonceMissionLine,
  type AnnoncePreviewItem,
  type AnnonceSendResult,
  type AnnonceSkipped,
  type AnnoncesConfig,
  type AnnoncesPreview,
  type AnnoncesTemplates,
} from '@relais/schema';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { MailMessage, Mailer } from '../auth/mailer';
import type { Db } from '../db/client';
import { annoncesConfig, annoncesHistorique, authEvents } from '../db/tables';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import { missionsPdf } from './pdf';
import { defaultAnnoncesTemplates, fillTemplate, formatDateFr, missionsHtml, missionsText } from './templates';

/**
 * `createSmtpMailer` spreads the message into nodemailer's `sendMail`, so the HTML body and the PDF
 * ride along with the text one; the annonces test reads all three from a real SMTP server.
 */
type AnnonceMail = MailMessage & { html: string; attachments: { filename: string; content: Buffer; contentType: string }[] };

const contactsSchema = z.array(sstContactSchema);

interface SstRow {
  id: string;
  code: string;
  nom: string;
  email: string | null;
  contacts: string | null;
}

/** A mission line as the query reads it, with its subcontractor. */
type MissionRow = AnnonceMissionLine & { sst_id: string };

/** Primary contacts first, each address once; the subcontractor's own address when it has no contact. */
function recipientsOf(sst: SstRow): string[] {
  let contacts: z.infer<typeof contactsSchema>;
  try {
    contacts = contactsSchema.parse(JSON.parse(sst.contacts ?? '[]'));
  } catch {
    // The store validated the document on write; a row that no longer parses has no usable address.
    contacts = [];
  }
  const ordered = [...contacts].sort((a, b) => Number(b.is_primary) - Number(a.is_primary)).map((contact) => contact.email.trim());
  const addresses = ordered.length > 0 ? ordered : sst.email ? [sst.email.trim()] : [];
  return [...new Set(addresses.filter((address) => address !== ''))];
}

/** Who sends, as the activity log records it. */
export interface AnnonceSender {
  username: string;
  session_id: string | null;
  hostname: string | null;
  ip: string | null;
}

export interface AnnoncesServiceDeps {
  db: Db;
  logger: Logger;
  /** The mailer in force at each sending (the SMTP settings may change while the server runs). */
  mailer: () => Mailer | undefined;
  now: () => Date;
}

/** Previews, sends and records the daily announcements to subcontractors. */
export function createAnnoncesService({ db, logger, mailer: currentMailer, now }: AnnoncesServiceDeps) {
  const sqlite = db.$client;
  const selectSst = sqlite.prepare<[], SstRow>(`SELECT id, code, nom, email, contacts FROM sst WHERE _deleted = 0 ORDER BY nom, code`);
  // Cancelled and deleted missions are not announced; the voyage's code is what the SST knows.
  const selectMissions = sqlite.prepare<[string], MissionRow>(
    `SELECT m.id, m.sst_id, m.heure_debut, m.heure_fin, v.code AS voyage, m.depart, m.destination, m.pays, m.nb_palettes, m.commentaire
     FROM missions m LEFT JOIN voyages v ON v.id = m.voyage_id AND v._deleted = 0
     WHERE m.date_mission = ? AND m._deleted = 0 AND m.sst_id IS NOT NULL AND m.statut <> 'annule'
     ORDER BY m.heure_debut, m.id`,
  );

  function config(): AnnoncesConfig {
    const row = db.select().from(annoncesConfig).where(eq(annoncesConfig.id, 1)).get();
    return row
      ? { subject_template: row.subject_template, body_template: row.body_template, updated_at: row.updated_at, updated_by: row.updated_by }
      : { ...defaultAnnoncesTemplates, updated_at: null, updated_by: null };
  }

  function updateConfig(templates: AnnoncesTemplates, username: string): AnnoncesConfig {
    const values = { ...templates, updated_at: now().toISOString(), updated_by: username };
    db.insert(annoncesConfig)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: annoncesConfig.id, set: values })
      .run();
    return config();
  }

  function preview(date: string): AnnoncesPreview {
    const { subject_template } = config();
    const byId = new Map<string, MissionRow[]>();
    for (const mission of selectMissions.all(date)) {
      byId.set(mission.sst_id, [...(byId.get(mission.sst_id) ?? []), mission]);
    }
    const items: AnnoncePreviewItem[] = [];
    const skipped: AnnonceSkipped[] = [];
    for (const sst of selectSst.all()) {
      const missions = (byId.get(sst.id) ?? []).map(({ sst_id: _sst, ...line }) => line);
      const recipients = recipientsOf(sst);
      const who = { sst_id: sst.id, sst_code: sst.code, sst_nom: sst.nom };
      if (missions.length === 0) {
        skipped.push({ ...who, reason: 'no_missions', nb_missions: 0 });
      } else if (recipients.length === 0) {
        skipped.push({ ...who, reason: 'no_email', nb_missions: missions.length });
      } else {
        const values = { sst: sst.nom, sst_code: sst.code, date: formatDateFr(date), nb_missions: String(missions.length) };
        items.push({ ...who, recipients, subject: fillTemplate(subject_template, values), nb_missions: missions.length, missions });
      }
    }
    return { date, date_label: formatDateFr(date), items, skipped };
  }

  function mailFor(item: AnnoncePreviewItem, date: string): AnnonceMail {
    const values = { sst: item.sst_nom, sst_code: item.sst_code, date: formatDateFr(date), nb_missions: String(item.nb_missions) };
    const body = fillTemplate(config().body_template, values);
    const pdf = missionsPdf(item.subject, item.sst_nom, item.missions);
    return {
      to: item.recipients.join(', '),
      subject: item.subject,
      text: missionsText(body, item.missions),
      html: missionsHtml(body, item.missions),
      attachments: [{ filename: `missions-${item.sst_code}-${date}.pdf`, content: pdf, contentType: 'application/pdf' }],
    };
  }

  /** One mail per subcontractor, one after the other; a refused mail is recorded and the next one still goes. */
  async function send(date: string, sstIds: string[] | undefined, sender: AnnonceSender): Promise<{ date: string; results: AnnonceSendResult[]; skipped: AnnonceSkipped[] }> {
    const mailer = currentMailer();
    if (!mailer) {
      throw new ApiError('MAIL_UNAVAILABLE', "L'envoi d'e-mails n'est pas configuré sur le serveur : contactez l'administrateur.");
    }
    const planned = preview(date);
    const wanted = sstIds ? new Set(sstIds) : undefined;
    const items = wanted ? planned.items.filter((item) => wanted.has(item.sst_id)) : planned.items;
    const skipped = wanted ? planned.skipped.filter((entry) => wanted.has(entry.sst_id)) : planned.skipped;
    const results: AnnonceSendResult[] = [];
    for (const item of items) {
      let error: string | null = null;
      try {
        await mailer.send(mailFor(item, date));
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
        logger.warn({ err: failure, sst: item.sst_code, date }, 'annonce SST non envoyée');
      }
      const result: AnnonceSendResult = {
        sst_id: item.sst_id,
        sst_nom: item.sst_nom,
        recipients: item.recipients,
        subject: item.subject,
        mission_ids: item.missions.map((mission) => mission.id),
        status: error === null ? 'sent' : 'failed',
        error,
      };
      const at = now().toISOString();
      db.insert(annoncesHistorique).values({ at, username: sender.username, date, ...result }).run();
      // Also in the activity log ("Sauron"), beside sign-ins, so an administrator sees who mailed what.
      db.insert(authEvents)
        .values({
          at,
          actor: sender.username,
          action: result.status === 'sent' ? 'annonce_sst' : 'annonce_sst_echec',
          target: item.sst_code,
          session_id: sender.session_id,
          hostname: sender.hostname,
          ip: sender.ip,
          details: { date, sst: item.sst_nom, recipients: item.recipients, missions: result.mission_ids.length, ...(error === null ? {} : { error }) },
        })
        .run();
      logger.info({ sst: item.sst_code, date, status: result.status, by: sender.username }, 'annonce SST');
      results.push(result);
    }
    return { date, results, skipped };
  }

  function history(limit: number, offset: number) {
    const entries = db.select().from(annoncesHistorique).orderBy(desc(annoncesHistorique.id)).limit(limit).offset(offset).all();
    const total = db.select({ total: sql<number>`count(*)` }).from(annoncesHistorique).get()?.total ?? 0;
    return { entries, total, limit, offset };
  }

  return { config, updateConfig, preview, send, history };
}

export type AnnoncesService = ReturnType<typeof createAnnoncesService>;
