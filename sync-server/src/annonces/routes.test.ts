import { newId, type CollectionName } from '@relais/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authEventRows, authTestApp, call, signIn, type AuthTestApp } from '../test-support/auth';
import { missionDoc } from '../test-support/fixtures';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink';

// authTestApp's clock says 2026-11-27 (Paris): tomorrow is 2026-11-28.
const tomorrow = '2026-11-28';
const stamp = '2026-11-27T08:00:00.000Z';

let htmlSink: SmtpSink;
let sink: SmtpSink;

beforeAll(async () => {
  htmlSink = await startSmtpSink();
  sink = await startSmtpSink();
});

afterAll(async () => {
  await htmlSink.close();
  await sink.close();
});

const ids = { durand: newId(), martin: newId(), sanscontact: newId(), oisif: newId(), voyage: newId() };

function write(relais: AuthTestApp, collection: CollectionName, doc: Record<string, unknown>): void {
  const outcome = relais.store.push(collection, [{ newDocumentState: { rev: 1, updated_at: stamp, _deleted: false, ...doc } }], { actor: 'seed', source: 'import' });
  expect(outcome).toMatchObject({ ok: true, written: 1 });
}

function contact(email: string, isPrimary: boolean) {
  return { id: newId(), email, nom_contact: 'Contact', is_primary: isPrimary };
}

/**
 * Durand: 2 missions tomorrow (+1 cancelled, +1 the day after); Martin: 1 mission tomorrow;
 * Sans Contact: 1 mission and no address; Oisif: addresses but nothing to do.
 */
function seed(relais: AuthTestApp, martinEmail = 'exploitation@martin.test'): Record<string, string> {
  write(relais, 'voyages', { id: ids.voyage, code: 'LYO12', nom: 'Lyon', jours_operation: ['samedi'], is_active: true });
  write(relais, 'sst', { id: ids.durand, code: 'DUR', nom: 'Transports Durand', is_active: true, contacts: [contact('secretariat@durand.test', false), contact('chef@durand.test', true)] });
  write(relais, 'sst', { id: ids.martin, code: 'MAR', nom: 'Martin Logistique', is_active: true, contacts: [contact(martinEmail, true)] });
  write(relais, 'sst', { id: ids.sanscontact, code: 'SAN', nom: 'Sans Contact', is_active: true, contacts: [] });
  write(relais, 'sst', { id: ids.oisif, code: 'OIS', nom: 'Oisif Transports', is_active: true, contacts: [contact('oisif@oisif.test', true)] });
  const missions = {
    durandTot: missionDoc({ date_mission: tomorrow, heure_debut: '05:30', sst_id: ids.durand, voyage_id: ids.voyage, depart: 'Rungis', destination: 'Lyon Corbas', pays: 'FR', nb_palettes: 33, commentaire: 'Quai 4' }),
    durandTard: missionDoc({ date_mission: tomorrow, heure_debut: '14:00', sst_id: ids.durand, destination: 'Milano', pays: 'IT', nb_palettes: 12 }),
    durandAnnule: missionDoc({ date_mission: tomorrow, heure_debut: '09:00', sst_id: ids.durand, destination: 'Annulée-Ville', statut: 'annule' }),
    durandApres: missionDoc({ date_mission: '2026-11-29', heure_debut: '07:00', sst_id: ids.durand, destination: 'Dimanche-Ville' }),
    martin: missionDoc({ date_mission: tomorrow, heure_debut: '08:15', sst_id: ids.martin, destination: 'Bordeaux', nb_palettes: 20 }),
    sansContact: missionDoc({ date_mission: tomorrow, heure_debut: '10:00', sst_id: ids.sanscontact, destination: 'Nantes' }),
    chauffeur: missionDoc({ date_mission: tomorrow, heure_debut: '10:00', destination: 'Interne' }),
  };
  for (const mission of Object.values(missions)) {
    write(relais, 'missions', mission);
  }
  return Object.fromEntries(Object.entries(missions).map(([key, mission]) => [key, mission.id]));
}

async function users(relais: AuthTestApp): Promise<{ planner: string; advanced: string; viewer: string }> {
  await addUser(relais.auth, { username: 'PLANNER', role: 'planner' });
  await addUser(relais.auth, { username: 'AVANCE', role: 'planner_advanced' });
  await addUser(relais.auth, { username: 'LECTEUR', role: 'viewer' });
  return {
    planner: (await signIn(relais.app, 'planner')).token,
    advanced: (await signIn(relais.app, 'avance')).token,
    viewer: (await signIn(relais.app, 'lecteur')).token,
  };
}

interface PreviewBody {
  date: string;
  date_label: string;
  items: { sst_id: string; recipients: string[]; subject: string; nb_missions: number; missions: { id: string; voyage: string | null }[] }[];
  skipped: { sst_id: string; reason: string; nb_missions: number }[];
}

describe('Annonces SST', () => {
  it('previews tomorrow by default: the right recipients, missions and skips', async () => {
    const relais = authTestApp({ mailer: htmlSink.mailer });
    const missions = seed(relais);
    const { planner } = await users(relais);
    const response = await call(relais.app, 'GET', '/annonces/preview', { token: planner });
    expect(response.status).toBe(200);
    const body = (await response.json()) as PreviewBody;
    expect(body.date).toBe(tomorrow);
    expect(body.date_label).toBe('28/11/2026');
    expect(body.items.map((item) => [item.sst_id, item.recipients, item.subject, item.nb_missions, item.missions.map((mission) => mission.id)])).toEqual([
      [ids.martin, ['exploitation@martin.test'], 'Annonce missions transport - 28/11/2026', 1, [missions['martin']]],
      [ids.durand, ['chef@durand.test', 'secretariat@durand.test'], 'Annonce missions transport - 28/11/2026', 2, [missions['durandTot'], missions['durandTard']]],
    ]);
    expect(body.items[1]?.missions[0]?.voyage).toBe('LYO12');
    expect(body.skipped).toEqual([
      { sst_id: ids.oisif, sst_code: 'OIS', sst_nom: 'Oisif Transports', reason: 'no_missions', nb_missions: 0 },
      { sst_id: ids.sanscontact, sst_code: 'SAN', sst_nom: 'Sans Contact', reason: 'no_email', nb_missions: 1 },
    ]);
    const other = (await (await call(relais.app, 'GET', '/annonces/preview?date=2026-11-29', { token: planner })).json()) as PreviewBody;
    expect(other.items.map((item) => [item.sst_id, item.missions.map((mission) => mission.id)])).toEqual([[ids.durand, [missions['durandApres']]]]);
    const past = await call(relais.app, 'GET', '/annonces/preview?date=2026-11-26', { token: planner });
    expect(past.status).toBe(400);
  });

  it('sends one mail per subcontractor with the missions as an HTML table, and records each send', async () => {
    const relais = authTestApp({ mailer: htmlSink.mailer });
    const missions = seed(relais);
    const { planner } = await users(relais);
    const before = htmlSink.received.length;
    const response = await call(relais.app, 'POST', '/annonces/send', { token: planner, body: { date: tomorrow } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { sst_id: string; status: string }[]; skipped: { reason: string }[] };
    expect(body.results.map((result) => [result.sst_id, result.status])).toEqual([
      [ids.martin, 'sent'],
      [ids.durand, 'sent'],
    ]);
    expect(body.skipped.map((entry) => entry.reason)).toEqual(['no_missions', 'no_email']);
    const mails = htmlSink.received.slice(before);
    expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([
      [['exploitation@martin.test'], 'Annonce missions transport - 28/11/2026'],
      [['chef@durand.test', 'secretariat@durand.test'], 'Annonce missions transport - 28/11/2026'],
    ]);
    const durand = mails[1];
    expect(durand?.html).toContain('>05:30</td>');
    expect(durand?.html).toContain('>LYO12</td>');
    expect(durand?.html).toContain('>Rungis → Lyon Corbas</td>');
    expect(durand?.html).toContain('>Quai 4</td>');
    expect(durand?.html).toContain('>Milano</td>');
    expect(durand?.html.match(/<tr>/g)).toHaveLength(3);
    expect(durand?.html).not.toContain('Annulée-Ville');
    expect(durand?.html).not.toContain('Dimanche-Ville');
    expect(durand?.text).toContain('Transports Durand pour le 28/11/2026 (2 mission(s))');
    expect(durand?.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([[`missions-DUR-${tomorrow}.pdf`, 'application/pdf']]);
    const pdf = durand?.attachments[0]?.content.toString('latin1') ?? '';
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('Rungis -> Lyon Corbas');
    expect(pdf).toContain('LYO12');
    expect(durand?.text).toContain('05:30 | LYO12 | Rungis → Lyon Corbas | FR | 33 | Quai 4');
    const history = (await (await call(relais.app, 'GET', '/annonces/historique', { token: planner })).json()) as {
      total: number;
      entries: { username: string; date: string; sst_id: string; recipients: string[]; mission_ids: string[]; status: string; error: string | null }[];
    };
    expect(history.total).toBe(2);
    expect(history.entries.map((entry) => [entry.username, entry.date, entry.sst_id, entry.recipients, entry.mission_ids, entry.status, entry.error])).toEqual([
      ['PLANNER', tomorrow, ids.durand, ['chef@durand.test', 'secretariat@durand.test'], [missions['durandTot'], missions['durandTard']], 'sent', null],
      ['PLANNER', tomorrow, ids.martin, ['exploitation@martin.test'], [missions['martin']], 'sent', null],
    ]);
  });

  it('sends only to the chosen subcontractors', async () => {
    const relais = authTestApp({ mailer: htmlSink.mailer });
    seed(relais);
    const { planner } = await users(relais);
    const before = htmlSink.received.length;
    const response = await call(relais.app, 'POST', '/annonces/send', { token: planner, body: { date: tomorrow, sst_ids: [ids.durand] } });
    expect(((await response.json()) as { results: { sst_id: string }[] }).results.map((result) => result.sst_id)).toEqual([ids.durand]);
    expect(htmlSink.received.slice(before).map((mail) => mail.to)).toEqual([['chef@durand.test', 'secretariat@durand.test']]);
  });

  it('records a refused mail as failed and still sends to the others', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    seed(relais, 'exploitation@refuse.test');
    const { planner } = await users(relais);
    const durandMail = sink.nextMailTo('chef@durand.test');
    const response = await call(relais.app, 'POST', '/annonces/send', { token: planner, body: { date: tomorrow } });
    const body = (await response.json()) as { results: { sst_id: string; status: string; error: string | null }[] };
    expect(body.results.map((result) => [result.sst_id, result.status])).toEqual([
      [ids.martin, 'failed'],
      [ids.durand, 'sent'],
    ]);
    expect(body.results[0]?.error).toMatch(/refus/);
    const logged = authEventRows(relais.db).filter((event) => event.action.startsWith('annonce_sst'));
    expect(logged.map((event) => [event.actor, event.action, event.target, event.hostname])).toEqual([
      ['PLANNER', 'annonce_sst_echec', 'MAR', 'PC-TEST'],
      ['PLANNER', 'annonce_sst', 'DUR', 'PC-TEST'],
    ]);
    expect(logged[1]?.details).toEqual({ date: tomorrow, sst: 'Transports Durand', recipients: ['chef@durand.test', 'secretariat@durand.test'], missions: 2 });
    expect((await durandMail).subject).toBe('Annonce missions transport - 28/11/2026');
    const history = (await (await call(relais.app, 'GET', '/annonces/historique?limit=1&offset=1', { token: planner })).json()) as {
      total: number;
      entries: { sst_id: string; status: string; error: string | null }[];
    };
    expect(history.total).toBe(2);
    expect(history.entries).toEqual([expect.objectContaining({ sst_id: ids.martin, status: 'failed', error: expect.stringMatching(/refus/) as string })]);
  });

  it('refuses users without send_announcements, with a French detail', async () => {
    const relais = authTestApp({ mailer: htmlSink.mailer });
    seed(relais);
    const { viewer } = await users(relais);
    const before = htmlSink.received.length;
    for (const [method, path] of [['GET', '/annonces/preview'], ['POST', '/annonces/send'], ['GET', '/annonces/historique']] as const) {
      const response = await call(relais.app, method, path, { token: viewer, ...(method === 'POST' ? { body: { date: tomorrow } } : {}) });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: 'Accès refusé : il vous faut le droit « send_announcements ».' });
    }
    expect(htmlSink.received.length).toBe(before);
    expect((await call(relais.app, 'GET', '/annonces/preview')).status).toBe(401);
  });

  it('lets only manage_announcements_config change the templates, used by the next preview and send', async () => {
    const relais = authTestApp({ mailer: htmlSink.mailer });
    seed(relais);
    const { planner, advanced } = await users(relais);
    const templates = { subject_template: 'Vos missions du {date} ({sst_code})', body_template: 'Bonjour {sst}, {nb_missions} mission(s) le {date}.' };
    const refused = await call(relais.app, 'PUT', '/annonces/config', { token: planner, body: templates });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ detail: 'Accès refusé : il vous faut le droit « manage_announcements_config ».' });
    const applied = await call(relais.app, 'PUT', '/annonces/config', { token: advanced, body: templates });
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ ...templates, updated_by: 'AVANCE' });
    expect(await (await call(relais.app, 'GET', '/annonces/config', { token: planner })).json()).toMatchObject(templates);
    const preview = (await (await call(relais.app, 'GET', '/annonces/preview', { token: planner })).json()) as PreviewBody;
    expect(preview.items.map((item) => item.subject)).toEqual(['Vos missions du 28/11/2026 (MAR)', 'Vos missions du 28/11/2026 (DUR)']);
    const before = htmlSink.received.length;
    await call(relais.app, 'POST', '/annonces/send', { token: planner, body: { date: tomorrow, sst_ids: [ids.durand] } });
    expect(htmlSink.received[before]?.text).toContain('Bonjour Transports Durand, 2 mission(s) le 28/11/2026.');
    const empty = await call(relais.app, 'PUT', '/annonces/config', { token: advanced, body: { subject_template: ' ', body_template: 'x' } });
    expect(empty.status).toBe(400);
  });

  it('answers 503 when no mail server is configured, and JSON 404 for unknown paths', async () => {
    const relais = authTestApp();
    seed(relais);
    const { planner } = await users(relais);
    const response = await call(relais.app, 'POST', '/annonces/send', { token: planner, body: { date: tomorrow } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'MAIL_UNAVAILABLE' } });
    const unknown = await call(relais.app, 'GET', '/annonces/nope', { token: planner });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
