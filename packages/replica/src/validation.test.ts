import { collections } from '@relais/schema';
import { fillWithDefaultSettings, type RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { zodValidator } from './validation';

const mission = {
  id: '2b7f3c2e-5a1d-4c8e-9f00-123456789abc',
  rev: 2,
  updated_at: '2026-11-27T08:00:00.000Z',
  date_mission: '2026-11-27',
  heure_debut: '23:30',
  type_mission: 'ramasse',
  destination: 'Bruxelles',
  statut: 'en_cours',
};

/** The schema as RxDB hands it to a storage: the collection's own, with RxDB's fields added. */
function storedSchema(): RxJsonSchema<unknown> {
  return fillWithDefaultSettings(collections.missions.jsonSchema as unknown as RxJsonSchema<unknown>) as RxJsonSchema<unknown>;
}

const stored = { _deleted: false, _rev: '1-abc', _meta: { lwt: 1 }, _attachments: {} };

describe('local replica validation without eval', () => {
  it('checks a stored document against its collection’s zod schema, ignoring RxDB’s own fields', () => {
    const validate = zodValidator(storedSchema());
    expect(validate({ ...mission, ...stored })).toEqual([]);
    expect(validate({ ...mission, ...stored, heure_debut: '28:30', statut: 'fini' }).map((issue) => issue.field).sort()).toEqual(['heure_debut', 'statut']);
    expect(validate({ ...mission, ...stored, inconnu: 1 })).not.toEqual([]);
  });

  it('leaves RxDB’s internal stores and older schema versions alone', () => {
    const internal = { version: 0, primaryKey: 'id', type: 'object', properties: { id: { type: 'string', maxLength: 100 }, data: { type: 'object' } }, required: ['id'] } as unknown as RxJsonSchema<unknown>;
    expect(zodValidator(internal)({ id: 'x', data: 'anything' })).toEqual([]);
    expect(zodValidator({ ...storedSchema(), version: 99 })({ ...mission, statut: 'fini' })).toEqual([]);
  });
});
