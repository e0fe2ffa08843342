import type { Mission } from '@relais/schema';
import type { ReactNode } from 'react';
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
}

/** One row per chauffeur and subcontractor, seven day columns; a drop on a cell keeps the time. */
export function WeekBoard({ days, rows, byRowAndDay, editableDay, dayLabel, renderBlock, footer }: WeekBoardProps) {
  const { t } = useTranslation();
  return (
    <div className="board board-week" data-testid="planning-week">
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
            {days.map((day) => (
              <DropArea
                key={day}
                zone={{ type: 'cell', assignee: row.assignee, date: day }}
                disabled={!editableDay(day)}
                className="week-cell"
                label={`${row.name} · ${dayLabel(day)}`}
                testId="planning-cell"
              >
                {(byRowAndDay.get(`${key}|${day}`) ?? []).map((mission) => renderBlock(mission))}
              </DropArea>
            ))}
          </div>
        );
      })}
      {footer}
    </div>
  );
}
