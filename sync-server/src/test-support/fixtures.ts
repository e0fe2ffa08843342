import type { Mission } from '@relais/schema';

let counter = 0;

/** A valid mission document as the wire carries it; ids are fresh UUIDs. */
export function missionDoc(overrides: Partial<Mission> & { _deleted?: boolean } = {}): Mission & { _deleted: boolean } {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    rev: 1,
    updated_at: new Date(Date.UTC(2026, 10, 27, 8, 0, 0, counter)).toISOString(),
    date_mission: '2026-11-27',
    heure_debut: '06:00',
    type_mission: 'livraison',
    destination: 'Paris',
    statut: 'planifie',
    _deleted: false,
    ...overrides,
  };
}
