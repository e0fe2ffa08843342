import type { PlanningConflict } from '@relais/domain';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { conflictText, conflictsText, worstSeverity } from './conflict-text';

const doubleBooking: PlanningConflict = {
  code: 'CHAUFFEUR_DOUBLE_RESERVE',
  severity: 'hard',
  missionId: 'm1',
  message: 'Alice Martin est déjà réservé de 08:00 à 12:00 le 2030-01-07',
  params: { chauffeur: 'Alice Martin', from: '08:00', to: '12:00', date: '2030-01-07' },
  related: ['m0'],
};
const extended: PlanningConflict = { ...doubleBooking, code: 'CONDUITE_JOUR_ETENDUE', severity: 'soft', message: 'Journée étendue', params: { date: '2030-01-07' } };

async function translator(language: string) {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { fr: { translation: fr }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('conflict text', () => {
  it('uses the domain’s French message in French', async () => {
    expect(conflictText(doubleBooking, 'fr', await translator('fr'))).toBe(doubleBooking.message);
  });

  it('rebuilds the message from the code and params in English', async () => {
    const t = await translator('en');
    expect(conflictText(doubleBooking, 'en', t)).toBe('Alice Martin is already booked from 08:00 to 12:00 on 2030-01-07');
    expect(conflictsText([doubleBooking, extended], 'en', t)).toBe(
      'Alice Martin is already booked from 08:00 to 12:00 on 2030-01-07 ; Extended driving day on 2030-01-07',
    );
  });

  it('colours by the worst severity', () => {
    expect(worstSeverity(undefined)).toBeUndefined();
    expect(worstSeverity([extended])).toBe('soft');
    expect(worstSeverity([extended, doubleBooking])).toBe('hard');
  });
});
