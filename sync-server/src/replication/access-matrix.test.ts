import { contactFields, entrepriseFields } from '@relais/documents/testing/fixtures';
import { canRead, canWrite, collectionAccess, permissionsOf, roleNames, type Role } from '@relais/domain';
import { collectionNames, type CollectionName } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { addUser, authTestApp, call, signIn, type AuthTestApp } from '../test-support/auth';

/** Documents the invoicing samples cite: a company, its customer, a validated invoice. */
interface Seeded {
  entreprise_id: string;
  contact_id: string;
  facture_id: string;
}

const newDocuments: Record<CollectionName, (seeded: Seeded) => Record<string, unknown>> = {
  chauffeurs: () => ({ code: 'T01', nom: 'Test', prenom: 'Jean', adr: false, fimo: false, competences: [], is_active: true }),
  voyages: () => ({ code: 'T-01', nom: 'Ligne test', jours_operation: ['lundi'], is_active: true }),
  // A day far ahead: editing past days is a right of its own.
  missions: () => ({ date_mission: '2030-01-07', heure_debut: '06:00', type_mission: 'livraison', destination: 'Lyon', statut: 'planifie' }),
  disponibilites: () => ({ chauffeur_id: crypto.randomUUID(), date_debut: '2030-01-07', date_fin: '2030-01-08', type_absence: 'formation' }),
  sst: () => ({ code: 'S01', nom: 'Sous-traitant test', is_active: true, contacts: [] }),
  revenus_palettes: () => ({ destination: 'Lyon', revenu_par_palette: 3500 }),
  entreprises: () =>
    entrepriseFields({
      raison_sociale: 'Entreprise test',
      siren: String(100_000_000 + Math.floor(Math.random() * 899_999_999)),
      numerotation: { devis: 'DE-{00000}', facture: 'FA-{00000}', avoir: 'AV-{00000}' },
    }),
  contacts: ({ entreprise_id }) => contactFields(entreprise_id, { type_contact: 'particulier', nom: 'Client test' }),
  articles: () => ({ reference: `ART-${crypto.randomUUID().slice(0, 8)}`, libelle: 'Article test', unite: 'u', prix_unitaire_ht: 1000, taux_tva_bp: 2000, is_active: true }),
  devis: ({ entreprise_id, contact_id }) => ({
    entreprise_id,
    contact_id,
    statut: 'brouillon',
    date_devis: '2030-01-07',
    date_validite: '2030-02-07',
    lignes: [],
    regime_tva: 'normale',
  }),
  factures: ({ entreprise_id, contact_id }) => ({
    entreprise_id,
    contact_id,
    type_facture: 'facture',
    statut: 'brouillon',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [],
    regime_tva: 'normale',
  }),
  // A payment is recorded on a validated invoice only.
  reglements: ({ facture_id }) => ({ facture_id, date_reglement: '2030-01-07', montant: 1000, mode: 'virement' }),
};

function wire(collection: CollectionName, seeded: Seeded): Record<string, unknown> {
  return { id: crypto.randomUUID(), rev: 1, updated_at: '2026-11-27T08:00:00.000Z', ...newDocuments[collection](seeded), _deleted: false };
}

/** Writes, as the server (an import), the company, customer and validated invoice the invoicing samples cite. */
function seed(relais: AuthTestApp): Seeded {
  const placeholder = { entreprise_id: crypto.randomUUID(), contact_id: crypto.randomUUID(), facture_id: crypto.randomUUID() };
  const entreprise = wire('entreprises', placeholder);
  const contact: Record<string, unknown> = { ...wire('contacts', placeholder), entreprise_id: entreprise['id'] };
  const facture: Record<string, unknown> = {
    ...wire('factures', placeholder),
    entreprise_id: entreprise['id'],
    contact_id: contact['id'],
    statut: 'validee',
    lignes: [{ id: crypto.randomUUID(), designation: 'Transport', quantite: 1, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 }],
  };
  for (const [collection, doc] of [['entreprises', entreprise], ['contacts', contact], ['factures', facture]] as const) {
    expect(relais.store.push(collection, [{ newDocumentState: doc }], { actor: null, source: 'import' })).toMatchObject({ ok: true, written: 1, refused: [] });
  }
  expect(relais.store.get('factures', String(facture['id']))).toMatchObject({ statut: 'validee', numero: 'FA-00001' });
  return { entreprise_id: String(entreprise['id']), contact_id: String(contact['id']), facture_id: String(facture['id']) };
}

/** What the server stores of a sample it accepts: the sample, plus the number it gives a quote. */
const storedByServer: Partial<Record<CollectionName, Record<string, unknown>>> = { devis: { numero: 'DE-00001' } };

/**
 * Every role × every collection × every replication action, over HTTP: pull and stream answer
 * 200 or 403 with a French `detail` as the role table says; a push is written, or refused per
 * document (returned as a conflict) and never written.
 */
describe('replication access matrix', () => {
  const cases = roleNames.flatMap((role) => collectionNames.map((collection) => [role, collection] as [Role, CollectionName]));

  it.each(cases)('%s × %s', async (role, collection) => {
    const relais = authTestApp();
    await addUser(relais.auth, { username: 'UTILISATEUR', role });
    const { token } = await signIn(relais.app, 'UTILISATEUR');
    const permissions = permissionsOf(role);
    const readable = canRead(collection, permissions);

    for (const path of [`/api/replication/${collection}/pull`, `/api/replication/${collection}/pull-stream`]) {
      const controller = new AbortController();
      const response = await relais.app.request(path, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
      expect(response.status, path).toBe(readable ? 200 : 403);
      if (!readable) {
        expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: expect.stringContaining(collectionAccess[collection].read) as string });
      }
      controller.abort();
      await response.body?.cancel().catch(() => undefined);
    }

    const doc = wire(collection, seed(relais));
    const push = await call(relais.app, 'POST', `/api/replication/${collection}/push`, { token, body: [{ newDocumentState: doc }] });
    if (!readable) {
      expect(push.status).toBe(403);
    } else if (canWrite(collection, permissions)) {
      expect(push.status).toBe(200);
      const stored = { ...doc, ...storedByServer[collection] };
      // What the server adds (a quote's number) comes back in the answer, as an adjustment.
      const adjusted = Object.keys(storedByServer[collection] ?? {}).length > 0;
      expect(await push.json()).toEqual(
        adjusted ? { conflicts: [stored], refusals: [], adjusted: [{ id: doc['id'] }] } : { conflicts: [], refusals: [], adjusted: [] },
      );
      expect(relais.store.get(collection, String(doc['id']))).toEqual(stored);
    } else {
      expect(push.status).toBe(200);
      expect(await push.json()).toEqual({
        conflicts: [{ ...doc, _deleted: true }],
        refusals: [{ id: doc['id'], code: 'FORBIDDEN', message: expect.stringContaining('droit') as string }],
        adjusted: [],
      });
      expect(relais.store.get(collection, String(doc['id']))).toBeUndefined();
    }
  });
});
