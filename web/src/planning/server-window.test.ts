import type { Mission } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { createJsonClient } from '../ui/json-client';
import { chauffeurFromServer, fetchServerWindow, mergeServerWindow, missionFromServer } from './server-window';

const mission = (id: string, date_mission: string, heure_debut: string, destination = 'Lyon') =>
  ({ id, date_mission, heure_debut, destination, statut: 'planifie', type_mission: 'livraison', rev: 1, updated_at: '2030-01-01T00:00:00.000Z' }) as Mission;

/** A mission as TomatoPlan's `GET /missions` answers it. */
const answered = {
  id: 'm1',
  uuid: 'm1',
  rev: 3,
  updated_at: '2030-01-01T00:00:00.000Z',
  date_mission: '2030-01-07',
  heure_debut: '08:00',
  heure_fin: null,
  chauffeur_id: 'c1',
  voyage_id: null,
  type_mission: 'livraison',
  destination: 'Quai 4',
  statut: 'planifie',
  nb_palettes: 12,
  revenu: 123.45,
  cout_sst: null,
  created_at: '2030-01-01T00:00:00.000Z',
  created_by: 'ADMIN',
  updated_by: 'ADMIN',
};

describe('missionFromServer', () => {
  it('reads a REST mission as the collection holds it: no nulls, cents, no audit fields', () => {
    expect(missionFromServer(answered)).toEqual({
      id: 'm1',
      rev: 3,
      updated_at: '2030-01-01T00:00:00.000Z',
      date_mission: '2030-01-07',
      heure_debut: '08:00',
      chauffeur_id: 'c1',
      type_mission: 'livraison',
      destination: 'Quai 4',
      statut: 'planifie',
      nb_palettes: 12,
      revenu: 12345,
    });
  });

  it('leaves out an answer the board cannot lay out', () => {
    expect(missionFromServer({ ...answered, date_mission: null })).toBeUndefined();
    expect(missionFromServer('m1')).toBeUndefined();
    expect(missionFromServer(null)).toBeUndefined();
  });
});

describe('chauffeurFromServer', () => {
  /** A chauffeur as TomatoPlan's `GET /chauffeurs` answers it. */
  const chauffeur = {
    id: 'c1',
    uuid: 'c1',
    rev: 2,
    updated_at: '2030-01-01T00:00:00.000Z',
    code: 'C01',
    nom: 'Martin',
    prenom: 'Léa',
    telephone: null,
    permis: 'CE',
    adr: true,
    fimo: true,
    competences: [],
    is_active: true,
    nom_complet: 'Léa Martin',
    created_at: '2030-01-01T00:00:00.000Z',
    created_by: 'ADMIN',
    updated_by: 'ADMIN',
  };

  it('reads a REST chauffeur as the collection holds it: no nulls, no audit or display fields', () => {
    expect(chauffeurFromServer(chauffeur)).toEqual({
      id: 'c1',
      rev: 2,
      updated_at: '2030-01-01T00:00:00.000Z',
      code: 'C01',
      nom: 'Martin',
      prenom: 'Léa',
      permis: 'CE',
      adr: true,
      fimo: true,
      competences: [],
      is_active: true,
    });
  });

  it('leaves out a chauffeur the board cannot draw a row for', () => {
    expect(chauffeurFromServer({ ...chauffeur, is_active: null })).toBeUndefined();
    expect(chauffeurFromServer({ ...chauffeur, nom: undefined })).toBeUndefined();
    expect(chauffeurFromServer([])).toBeUndefined();
  });
});

describe('mergeServerWindow', () => {
  it('shows each mission once, the replica’s copy first, the rest from the server in board order', () => {
    const local = [mission('a', '2030-01-07', '08:00', 'local')];
    const server = [mission('b', '2030-01-07', '06:00'), mission('a', '2030-01-07', '08:00', 'serveur'), mission('c', '2030-01-08', '05:00')];
    const { missions, preview } = mergeServerWindow(local, server);
    expect(missions.map((item) => `${item.id}:${item.destination}`)).toEqual(['b:Lyon', 'a:local', 'c:Lyon']);
    expect([...preview].sort()).toEqual(['b', 'c']);
  });

  it('hands back the local list itself once it holds every mission the server answered', () => {
    const local = [mission('a', '2030-01-07', '08:00')];
    expect(mergeServerWindow(local, [mission('a', '2030-01-07', '08:00')]).missions).toBe(local);
    expect(mergeServerWindow(local, []).preview.size).toBe(0);
  });
});

describe('fetchServerWindow', () => {
  it('asks the server for the days shown and keeps the missions it can lay out', async () => {
    const asked: string[] = [];
    const client = createJsonClient({
      fetch: (input) => {
        asked.push(input instanceof Request ? input.url : input.toString());
        return Promise.resolve(new Response(JSON.stringify([answered, { id: 'x' }]), { status: 200, headers: { 'content-type': 'application/json' } }));
      },
    });
    const missions = await fetchServerWindow(client, '2030-01-07', '2030-01-13');
    expect(asked).toEqual(['/missions?date_debut=2030-01-07&date_fin=2030-01-13&limit=10000']);
    expect(missions.map((item) => item.id)).toEqual(['m1']);
  });
});
