import type { Mission } from '@relais/schema';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { createBoardCache, type BlockModel } from './block-models';
import type { BoardRow } from './board-rows';
import { chunkRows, firstRowCount, weekRowHeight } from './progressive-rows';
import { WeekBoard } from './WeekBoard';

describe('firstRowCount', () => {
  it('draws the rows the viewport shows from the top, the last one partly shown included', () => {
    expect(firstRowCount([100, 100, 100, 100, 100], 250)).toBe(3);
    expect(firstRowCount([44, 44, 44, 44, 44, 44], 88)).toBe(2);
    expect(firstRowCount([44, 44, 44, 44, 44, 44], 89)).toBe(3);
  });

  it('draws one row when nothing is in view, and never more than the rows', () => {
    expect(firstRowCount([100, 100], 0)).toBe(1);
    expect(firstRowCount([100, 100], 10_000)).toBe(2);
  });
});

describe('chunkRows', () => {
  it('adds 1 row, then 2, then 4, right after the first paint, then 6 a frame', () => {
    expect(chunkRows(0)).toBe(1);
    expect(chunkRows(1)).toBe(2);
    expect(chunkRows(3)).toBe(4);
    expect(chunkRows(7)).toBe(6);
    expect(chunkRows(120)).toBe(6);
  });
});

describe('weekRowHeight', () => {
  it('is the row minimum for an empty or light row', () => {
    expect(weekRowHeight(0)).toBe(44);
    expect(weekRowHeight(1)).toBe(44);
  });

  it('grows with the blocks of the fullest cell', () => {
    expect(weekRowHeight(4)).toBe(160);
    expect(weekRowHeight(5) - weekRowHeight(4)).toBe(39);
  });
});

describe('WeekBoard', () => {
  beforeAll(async () => {
    await initI18n();
    await setLanguage('fr');
  });

  const days = ['2026-12-07', '2026-12-08'];
  const rows: BoardRow[] = Array.from({ length: 5 }, (_, index) => ({ assignee: { kind: 'chauffeur', id: `c${index}` }, name: `Chauffeur ${index}`, group: 'chauffeurs' }));
  const missions = ['m1', 'm2', 'm3', 'm4'].map((id) => ({ id }) as Mission);
  const cells = createBoardCache().board(new Map([['chauffeur:c3|2026-12-08', missions]]), (mission) => ({ mission }) as BlockModel).cells;

  it('first renders every row as a placeholder of its estimated height', () => {
    // The rows in view are drawn once the board's place is measured (a layout effect, not run here).
    const html = renderToStaticMarkup(
      <WeekBoard days={days} rows={rows} cells={cells} editableDay={() => true} dayLabel={(day) => day} renderBlock={() => <span data-testid="planning-block" />} absences={new Map()} />,
    );
    expect(html).not.toContain('data-testid="planning-row"');
    expect(html.match(/data-pending=""/g)).toHaveLength(5);
    expect(html).not.toContain('planning-block');
    expect(html).toContain(`min-height:${weekRowHeight(4)}px`);
  });
});
