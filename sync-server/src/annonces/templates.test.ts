import { describe, expect, it } from 'vitest';
import type { AnnonceMissionLine } from '@relais/schema';
import { fillTemplate, formatDateFr, missionsHtml, missionsText } from './templates';

const values = { sst: 'Transports Durand', sst_code: 'DUR', date: '28/11/2026', nb_missions: '2' };

describe('annonce templates', () => {
  it('fills every known placeholder, as often as it appears, and leaves unknown ones as typed', () => {
    expect(fillTemplate('{sst} ({sst_code}) le {date} : {nb_missions} — {date} {inconnu}', values)).toBe(
      'Transports Durand (DUR) le 28/11/2026 : 2 — 28/11/2026 {inconnu}',
    );
  });

  it('shows dates as JJ/MM/AAAA', () => {
    expect(formatDateFr('2026-11-28')).toBe('28/11/2026');
  });

  it('escapes what users typed in the HTML and keeps one row per mission in both bodies', () => {
    const line: AnnonceMissionLine = {
      id: 'm1',
      heure_debut: '06:00',
      heure_fin: null,
      voyage: 'V12',
      depart: 'Rungis',
      destination: 'Lyon <Sud>',
      pays: 'FR',
      nb_palettes: 33,
      commentaire: null,
    };
    const html = missionsHtml('Bonjour & merci\nà demain', [line]);
    expect(html).toContain('Bonjour &amp; merci<br>');
    expect(html).toContain('<td style="border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top">Rungis → Lyon &lt;Sud&gt;</td>');
    expect(html.match(/<tr>/g)).toHaveLength(2);
    expect(missionsText('Bonjour', [line])).toContain('- 06:00 | V12 | Rungis → Lyon <Sud> | FR | 33 | -');
  });
});
