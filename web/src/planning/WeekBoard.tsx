import type { CSSProperties, ReactNode } from 'react';
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AbsenceMark } from './AbsenceMark';
import type { BoardAbsence } from './board-absences';
import type { BlockModel, BoardCells } from './block-models';
import type { BoardRow } from './board-rows';
import { assigneeKey, type Assignee } from './drop-target';
import { DropArea } from './DropArea';
import { useProgressiveRows, weekRowHeight } from './progressive-rows';

interface WeekBoardProps {
  days: readonly string[];
  rows: readonly BoardRow[];
  /** The blocks of each row and day (key `<assignee key>|<day>`), the same list while unchanged. */
  cells: BoardCells;
  editableDay: (day: string) => boolean;
  dayLabel: (day: string) => string;
  renderBlock: (model: BlockModel) => ReactNode;
  footer?: ReactNode;
  absences: ReadonlyMap<string, BoardAbsence>;
  /** A first sync streams in: the rows out of view wait until it is over, but for those the user scrolls to. */
  holdRows?: boolean;
}

interface WeekCellProps {
  rowKey: string;
  assignee: Assignee;
  rowName: string;
  day: string;
  label: string;
  disabled: boolean;
  absence: BoardAbsence | undefined;
  blocks: readonly BlockModel[] | undefined;
  renderBlock: (model: BlockModel) => ReactNode;
}

/** The row's assignee is named by its key: a new object for the same row must not re-render the cell. */
function sameCell(a: WeekCellProps, b: WeekCellProps): boolean {
  return (
    a.rowKey === b.rowKey &&
    a.rowName === b.rowName &&
    a.day === b.day &&
    a.label === b.label &&
    a.disabled === b.disabled &&
    a.absence === b.absence &&
    a.blocks === b.blocks &&
    a.renderBlock === b.renderBlock
  );
}

/** A day cell of a row: renders again only when its blocks, its absence or its editability change. */
const WeekCell = memo(function WeekCell({ assignee, rowName, day, label, disabled, absence, blocks, renderBlock }: WeekCellProps) {
  return (
    <DropArea zone={{ type: 'cell', assignee, date: day }} disabled={disabled} className={`week-cell${absence ? ' cell-absent' : ''}`} label={label} testId="planning-cell">
      {absence ? <AbsenceMark absence={absence} name={rowName} compact /> : null}
      {blocks?.map((model) => renderBlock(model))}
    </DropArea>
  );
}, sameCell);

/** The estimated height of each row (its fullest day): the size of its placeholder and of the drawn row out of view. */
function rowHeights(rows: readonly BoardRow[], days: readonly string[], cells: WeekBoardProps['cells']): number[] {
  return rows.map((row) => {
    const key = assigneeKey(row.assignee);
    return weekRowHeight(Math.max(0, ...days.map((day) => cells.count(`${key}|${day}`))));
  });
}

/**
 * One row per chauffeur and subcontractor, a column per day (7 or 14); a drop on a cell keeps the time.
 * A new week draws the rows in view first, then the others a few per frame (placeholders of their
 * height meanwhile): 5 000 blocks would otherwise hold the click for a second.
 */
export function WeekBoard({ days, rows, cells, editableDay, dayLabel, renderBlock, footer, absences, holdRows = false }: WeekBoardProps) {
  const { t } = useTranslation();
  const heights = useMemo(() => rowHeights(rows, days, cells), [rows, days, cells]);
  const board = useRef<HTMLDivElement>(null);
  const drawn = useProgressiveRows(heights, `${days[0] ?? ''}|${days.length}`, board, holdRows);
  const columns = { '--days': days.length } as CSSProperties;
  const labels = days.map((day) => ({ day, label: dayLabel(day), disabled: !editableDay(day) }));
  return (
    <div ref={board} className={`board board-week${days.length > 7 ? ' board-two-weeks' : ''}`} data-testid="planning-week" data-days={days.length} style={columns}>
      <div className="board-row week-head">
        <div className="row-name">{t('planning.resource')}</div>
        {labels.map(({ day, label }) => (
          <div key={day} className="week-day-head">
            {label}
          </div>
        ))}
      </div>
      {rows.length === 0 ? <p className="empty">{t('planning.noResource')}</p> : null}
      {rows.map((row, index) => {
        const key = assigneeKey(row.assignee);
        const height = heights[index] ?? 0;
        if (index >= drawn) {
          return <div key={key} className="board-row" style={{ minHeight: height, containIntrinsicSize: `auto ${height}px` }} data-pending="" aria-hidden="true" />;
        }
        return (
          <div key={key} className="board-row" style={{ containIntrinsicSize: `auto ${height}px` }} data-testid="planning-row" data-assignee={key} data-name={row.name}>
            <div className="row-name">{row.name}</div>
            {labels.map(({ day, label, disabled }) => (
              <WeekCell
                key={day}
                rowKey={key}
                assignee={row.assignee}
                rowName={row.name}
                day={day}
                label={`${row.name} · ${label}`}
                disabled={disabled}
                absence={absences.get(`${key}|${day}`)}
                blocks={cells.get(`${key}|${day}`)}
                renderBlock={renderBlock}
              />
            ))}
          </div>
        );
      })}
      {footer}
    </div>
  );
}
