import { today } from '@relais/domain';
import type { Disponibilite } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monthGrid, monthOf, shiftMonth } from './absence-calendar';

interface AbsenceCalendarProps {
  absences: readonly Pick<Disponibilite, 'id' | 'date_debut' | 'date_fin' | 'type_absence' | 'motif'>[];
  /** Called with the absence of a clicked day, or the free day clicked (when editing is allowed). */
  onPick?: ((pick: { absenceId: string } | { date: string }) => void) | undefined;
}

/** One month of a chauffeur's absences, coloured by type; previous and next month buttons. */
export function AbsenceCalendar({ absences, onPick }: AbsenceCalendarProps) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(() => monthOf(today()));
  const weeks = monthGrid(month, absences);
  const [year = 1970, number = 1] = month.split('-').map(Number);
  const title = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' }).format(new Date(year, number - 1, 1));
  const weekdays = (weeks[0] ?? []).map((day) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'short' }).format(new Date(`${day.date}T12:00:00`)),
  );
  return (
    <div className="absence-calendar" data-testid="absence-calendar" data-month={month}>
      <div className="absence-calendar-head">
        <button type="button" className="button small" onClick={() => setMonth(shiftMonth(month, -1))} aria-label={t('absences.calendar.previous')}>
          ‹
        </button>
        <strong aria-live="polite">{title}</strong>
        <button type="button" className="button small" onClick={() => setMonth(shiftMonth(month, 1))} aria-label={t('absences.calendar.next')}>
          ›
        </button>
      </div>
      <table className="absence-calendar-grid">
        <thead>
          <tr>
            {weekdays.map((weekday) => (
              <th key={weekday} scope="col">
                {weekday}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.date}>
              {week.map((day) => {
                const label = day.absence
                  ? `${day.date} : ${t(`absences.type.${day.absence.type_absence}`)}${day.absence.motif ? ` (${day.absence.motif})` : ''}`
                  : day.date;
                const className = `absence-day${day.inMonth ? '' : ' outside'}${day.absence ? ` absence-${day.absence.type_absence}` : ''}`;
                const absence = day.absence;
                return (
                  <td key={day.date} className={className} data-date={day.date} data-absence={absence?.type_absence ?? ''}>
                    {onPick ? (
                      <button
                        type="button"
                        title={label}
                        aria-label={label}
                        onClick={() => onPick(absence ? { absenceId: absence.id } : { date: day.date })}
                      >
                        {Number(day.date.slice(8))}
                      </button>
                    ) : (
                      <span title={label}>{Number(day.date.slice(8))}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
