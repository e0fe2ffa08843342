import type { Disponibilite } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { absenceForm, absencesFrom, isAbsentOn } from './absence-form';

const chauffeurId = '11111111-1111-4111-8111-111111111111';

function absence(date_debut: string, date_fin: string): Disponibilite {
  return { id: `${date_debut}`, rev: 1, updated_at: '', chauffeur_id: chauffeurId, date_debut, date_fin, type_absence: 'conges' };
}

describe('absence form', () => {
  it('requires the days and refuses an end before the start', () => {
    const empty = absenceForm.validate(absenceForm.empty({ chauffeur_id: chauffeurId }));
    expect(Object.keys(empty).sort()).toEqual(['date_debut', 'date_fin']);
    const reversed = absenceForm.validate({ ...absenceForm.empty({ chauffeur_id: chauffeurId }), date_debut: '2026-03-10', date_fin: '2026-03-09' });
    expect(reversed['date_fin']?.key).toBe('errors.PERIODE_FIN_AVANT_DEBUT');
    const fine = absenceForm.validate({ ...absenceForm.empty({ chauffeur_id: chauffeurId }), date_debut: '2026-03-10', date_fin: '2026-03-10' });
    expect(fine).toEqual({});
  });

  it('sorts the absences and tells the absent days, both ends included', () => {
    const list = [absence('2026-03-10', '2026-03-12'), absence('2026-01-01', '2026-01-02')];
    expect(absencesFrom(list).map((item) => item.date_debut)).toEqual(['2026-01-01', '2026-03-10']);
    expect(absencesFrom(list, '2026-02-01').map((item) => item.date_debut)).toEqual(['2026-03-10']);
    expect(isAbsentOn(list, '2026-03-12')).toBe(true);
    expect(isAbsentOn(list, '2026-03-13')).toBe(false);
  });
});
