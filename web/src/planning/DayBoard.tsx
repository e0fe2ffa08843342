import type { Mission } from '@relais/schema';
import type { ReactNode } from 'react';
import { AbsenceMark } from './AbsenceMark';
import type { BoardAbsence } from './board-absences';
import { useTranslation } from 'react-i18next';
import { hourMarks, laneHeight } from './board-layout';
import type { BoardRow } from './board-rows';
import { assigneeKey } from './drop-target';
import { DropArea } from './DropArea';

interface DayBoardProps {
  day: string;
  rows: readonly BoardRow[];
  byRowAndDay: ReadonlyMap<string, Readonly<Mission>[]>;
  editable: boolean;
  renderBlock: (mission: Readonly<Mission>) => ReactNode;
  /** How many lanes the row's overlapping blocks need (1 when none overlap). */
  laneCount: (rowKey: string) => number;
  /** The absence of a row on a day (key `chauffeur:<id>|<day>`). */
  absences: ReadonlyMap<string, BoardAbsence>;
}

/** One row per chauffeur and subcontractor, the day from 00:00 to 28:00 across. */
export function DayBoard({ day, rows, byRowAndDay, editable, renderBlock, laneCount, absences }: DayBoardProps) {
  const { t } = useTranslation();
  const marks = hourMarks();
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
        const absence = absences.get(`${key}|${day}`);
        const heading = index === 0 || rows[index - 1]?.group !== row.group ? <h2 className="board-group">{t(`planning.${row.group}`)}</h2> : null;
        return (
          <div key={key}>
            {heading}
            <div className={`board-row${absence ? ' row-absent' : ''}`} data-testid="planning-row" data-assignee={key} data-name={row.name}>
              <DropArea zone={{ type: 'row', assignee: row.assignee }} disabled={!editable} className="row-name" label={t('planning.rowLabel', { name: row.name })} testId="planning-row-name">
                {row.name}
              </DropArea>
              <DropArea
                zone={{ type: 'lane', assignee: row.assignee, date: day }}
                disabled={!editable}
                className="lane"
                testId="planning-lane"
                style={{ minHeight: `${12 + laneCount(key) * laneHeight}px` }}
              >
                {marks.map((mark) => (
                  <span key={mark.label} className="hour-line" style={{ left: `${mark.left}%` }} />
                ))}
                {absence ? <AbsenceMark absence={absence} name={row.name} /> : null}
                {(byRowAndDay.get(`${key}|${day}`) ?? []).map((mission) => renderBlock(mission))}
              </DropArea>
            </div>
          </div>
        );
      })}
    </div>
  );
}
