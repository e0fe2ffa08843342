import type { Mission } from '@relais/schema';
import type { CSSProperties, ReactNode } from 'react';
import { AbsenceMark } from './AbsenceMark';
import type { BoardAbsence } from './board-absences';
import { useTranslation } from 'react-i18next';
import type { BoardRow } from './board-rows';
import { assigneeKey } from './drop-target';
import { DropArea } from './DropArea';

interface WeekBoardProps {
  days: readonly string[];
  rows: readonly BoardRow[];
  byRowAndDay: ReadonlyMap<string, Readonly<Mission>[]>;
  editableDay: (day: string) => boolean;
  dayLabel: (day: string) => string;
  renderBlock: (mission: Readonly<Mission>) => ReactNode;
  footer?: ReactNode;
  absences: ReadonlyMap<string, BoardAbsence>;
}

/** One row per chauffeur and subcontractor, a column per day (7 or 14); a drop on a cell keeps the time. */
export function WeekBoard({ days, rows, byRowAndDay, editableDay, dayLabel, renderBlock, footer, absences }: WeekBoardProps) {
  const { t } = useTranslation();
  const columns = { '--days': days.length } as CSSProperties;
  return (
    <div className={`board board-week${days.length > 7 ? ' board-two-weeks' : ''}`} data-testid="planning-week" data-days={days.length} style={columns}>
      <div className="board-row week-head">
        <div className="row-name">{t('planning.resource')}</div>
        {days.map((day) => (
          <div key={day} className="week-day-head">
            {dayLabel(day)}
          </div>
        ))}
      </div>
      {rows.length === 0 ? <p className="empty">{t('planning.noResource')}</p> : null}
      {rows.map((row) => {
        const key = assigneeKey(row.assignee);
        return (
          <div key={key} className="board-row" data-testid="planning-row" data-assignee={key} data-name={row.name}>
            <div className="row-name">{row.name}</div>
            {days.map((day) => {
              const absence = absences.get(`${key}|${day}`);
              return (
                <DropArea
                  key={day}
                  zone={{ type: 'cell', assignee: row.assignee, date: day }}
                  disabled={!editableDay(day)}
                  className={`week-cell${absence ? ' cell-absent' : ''}`}
                  label={`${row.name} · ${dayLabel(day)}`}
                  testId="planning-cell"
                >
                  {absence ? <AbsenceMark absence={absence} name={row.name} compact /> : null}
                  {(byRowAndDay.get(`${key}|${day}`) ?? []).map((mission) => renderBlock(mission))}
                </DropArea>
              );
            })}
          </div>
        );
      })}
      {footer}
    </div>
  );
}
