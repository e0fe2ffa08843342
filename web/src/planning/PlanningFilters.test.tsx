import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { PlanningFilters, type BoardView } from './PlanningFilters';

const noop = (): void => undefined;

function exportLabel(view: BoardView): string {
  const html = renderToStaticMarkup(
    <PlanningFilters
      view={view}
      onView={noop}
      day="2026-12-07"
      onDay={noop}
      filters={{ chauffeur: '', voyage: '', statut: '' }}
      onFilters={noop}
      chauffeurs={[]}
      voyages={[]}
      onPrint={noop}
      onExport={noop}
    />,
  );
  return /data-testid="planning-export">([^<]*)</.exec(html)?.[1] ?? '';
}

beforeAll(async () => {
  await initI18n();
  await setLanguage('fr');
});

describe('PlanningFilters', () => {
  // The export writes the week in the day and week views, both weeks in the two-week view.
  it('names what the CSV export holds in each view', () => {
    expect(exportLabel('day')).toBe('Exporter la semaine (CSV)');
    expect(exportLabel('week')).toBe('Exporter la semaine (CSV)');
    expect(exportLabel('twoWeeks')).toBe('Exporter 2 semaines (CSV)');
  });
});
