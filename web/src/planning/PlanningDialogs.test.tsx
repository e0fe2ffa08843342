import type { Mission } from '@relais/schema';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { ReassignDialog } from './PlanningDialogs';

const noop = (): void => undefined;
const mission = { id: 'm1', date_mission: '2026-12-07', heure_debut: '04:00', heure_fin: '13:30', destination: 'Port d’Anvers (BE)', statut: 'planifie' } as unknown as Mission;

beforeAll(async () => {
  await initI18n();
  await setLanguage('fr');
});

describe('ReassignDialog', () => {
  it('labels the mission’s own date (not the board’s « Date affichée ») and gives the date and time fields half the width each', () => {
    const html = renderToStaticMarkup(<ReassignDialog mission={mission} rows={[]} onCancel={noop} onSubmit={noop} onDelete={noop} />);
    const fields = [...html.matchAll(/<div class="field (span-\d)"><label[^>]*>([^<]*)<\/label>/g)].map((match) => [match[2], match[1]]);
    expect(fields).toEqual([
      ['Affecter à', 'span-4'],
      ['Date de la mission', 'span-2'],
      ['Heure de début', 'span-2'],
    ]);
    expect(html).not.toContain('Date affichée');
  });
});
