import type { ReactNode } from 'react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { AbsenceMark } from './AbsenceMark';
import type { BoardAbsence } from './board-absences';
import { hourMarks, laneHeight } from './board-layout';
import type { BlockModel, BoardCells } from './block-models';
import type { BoardRow } from './board-rows';
import { assigneeKey, type Assignee } from './drop-target';
import { DropArea } from './DropArea';

interface DayBoardProps {
  day: string;
  rows: readonly BoardRow[];
  /** The blocks of each row and day (key `<assignee key>|<day>`), the same list while unchanged. */
  cells: BoardCells;
  editable: boolean;
  renderBlock: (model: BlockModel) => ReactNode;
  /** How many lanes the row's overlapping blocks need (1 when none overlap). */
  laneCount: (rowKey: string) => number;
  /** The absence of a row on a day (key `chauffeur:<id>|<day>`). */
  absences: ReadonlyMap<string, BoardAbsence>;
}

/** The hour marks never change: made once. */
const marks = hourMarks();

interface DayRowProps {
  rowKey: string;
  assignee: Assignee;
  name: string;
  heading: string | undefined;
  day: string;
  editable: boolean;
  absence: BoardAbsence | undefined;
  blocks: readonly BlockModel[] | undefined;
  lanes: number;
  renderBlock: (model: BlockModel) => ReactNode;
}

/** The row's assignee is named by its key: a new object for the same row must not re-render it. */
function sameRow(a: DayRowProps, b: DayRowProps): boolean {
  return (
    a.rowKey === b.rowKey &&
    a.name === b.name &&
    a.heading === b.heading &&
    a.day === b.day &&
    a.editable === b.editable &&
    a.absence === b.absence &&
    a.blocks === b.blocks &&
    a.lanes === b.lanes &&
    a.renderBlock === b.renderBlock
  );
}

/** A row's name (drop keeps the time) and its timeline; renders again only when its content changes. */
const DayRow = memo(function DayRow({ rowKey, assignee, name, heading, day, editable, absence, blocks, lanes, renderBlock }: DayRowProps) {
  const { t } = useTranslation();
  return (
    <div>
      {heading ? <h2 className="board-group">{heading}</h2> : null}
      <div className={`board-row${absence ? ' row-absent' : ''}`} data-testid="planning-row" data-assignee={rowKey} data-name={name}>
        <DropArea zone={{ type: 'row', assignee }} disabled={!editable} className="row-name" label={t('planning.rowLabel', { name })} testId="planning-row-name">
          {name}
        </DropArea>
        <DropArea
          zone={{ type: 'lane', assignee, date: day }}
          disabled={!editable}
          className="lane"
          testId="planning-lane"
          style={{ minHeight: `${12 + lanes * laneHeight}px` }}
        >
          {marks.map((mark) => (
            <span key={mark.label} className="hour-line" style={{ left: `${mark.left}%` }} />
          ))}
          {absence ? <AbsenceMark absence={absence} name={name} /> : null}
          {blocks?.map((model) => renderBlock(model))}
        </DropArea>
      </div>
    </div>
  );
}, sameRow);

/** One row per chauffeur and subcontractor, the day from 00:00 to 28:00 across. */
export function DayBoard({ day, rows, cells, editable, renderBlock, laneCount, absences }: DayBoardProps) {
  const { t } = useTranslation();
  return (
    <div className="board board-day" data-testid="planning-day">
      <div className="board-row board-scale" aria-hidden="true">
        <div className="row-name">{t('planning.resource')}</div>
        <div className="lane">
          {marks.map((mark) => (
            <span key={mark.label} className="hour-mark" style={{ left: `${mark.left}%` }}>
              {mark.label}
            </span>
          ))}
        </div>
      </div>
      {rows.length === 0 ? <p className="empty">{t('planning.noResource')}</p> : null}
      {rows.map((row, index) => {
        const key = assigneeKey(row.assignee);
        const heading = index === 0 || rows[index - 1]?.group !== row.group ? t(`planning.${row.group}`) : undefined;
        return (
          <DayRow
            key={key}
            rowKey={key}
            assignee={row.assignee}
            name={row.name}
            heading={heading}
            day={day}
            editable={editable}
            absence={absences.get(`${key}|${day}`)}
            blocks={cells.get(`${key}|${day}`)}
            lanes={laneCount(key)}
            renderBlock={renderBlock}
          />
        );
      })}
    </div>
  );
}
