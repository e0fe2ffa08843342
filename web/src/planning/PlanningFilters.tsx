import { addDays, today } from '@relais/domain';
import { missionStatutValues, type Chauffeur, type Voyage } from '@relais/schema';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayLong, isValidDay } from '../ui/format';
import { chauffeurLabel } from './board-rows';
import { boardViews, stepOfView, type BoardView } from './board-url';

export type { BoardView } from './board-url';

export interface BoardFilters {
  chauffeur: string;
  voyage: string;
  statut: string;
}

interface PlanningFiltersProps {
  view: BoardView;
  onView: (view: BoardView) => void;
  day: string;
  onDay: (day: string) => void;
  filters: BoardFilters;
  onFilters: (filters: BoardFilters) => void;
  chauffeurs: readonly Readonly<Chauffeur>[];
  voyages: readonly Readonly<Voyage>[];
  onPrint: () => void;
  onExport: () => void;
}

const viewText = { day: 'planning.viewDay', week: 'planning.viewWeek', twoWeeks: 'board.viewTwoWeeks' } as const;
const viewShortcut = { day: 'board.shortcutDay', week: 'board.shortcutWeek', twoWeeks: 'board.shortcutTwoWeeks' } as const;

/** The board's toolbar: day or week, the shown day, and filters by chauffeur, voyage and status. */
export function PlanningFilters({ view, onView, day, onDay, filters, onFilters, chauffeurs, voyages, onPrint, onExport }: PlanningFiltersProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const step = stepOfView(view);
  const change = (next: string): void => {
    if (isValidDay(next)) {
      onDay(next);
    }
  };
  return (
    <div className="toolbar planning-toolbar">
      <h1>{t('planning.title')}</h1>
      <div className="view-switch" role="group" aria-label={t('planning.viewLabel')}>
        {boardViews.map((option) => (
          <button
            key={option}
            type="button"
            className={`button${view === option ? ' primary' : ' ghost'}`}
            aria-pressed={view === option}
            onClick={() => onView(option)}
            data-testid={`planning-view-${option}`}
            title={t(viewShortcut[option])}
          >
            {t(viewText[option])}
          </button>
        ))}
      </div>
      <div className="day-picker">
        <button type="button" className="button icon" onClick={() => change(addDays(day, -step))} aria-label={t('planning.previous')} title={t('planning.previous')}>
          ‹
        </button>
        <input type="date" data-testid="planning-date" aria-label={t('planning.date')} value={day} onChange={(event) => change(event.target.value)} />
        <button type="button" className="button icon" onClick={() => change(addDays(day, step))} aria-label={t('planning.next')} title={t('planning.next')}>
          ›
        </button>
        <button type="button" className="button ghost" onClick={() => onDay(today())} disabled={day === today()} title={t('board.shortcutToday')} data-testid="planning-today">
          {t('planning.today')}
        </button>
      </div>
      <span className="day-long">{formatDayLong(day, i18n.language)}</span>
      <div className="board-actions">
        <button type="button" className="button ghost" onClick={onPrint} data-testid="planning-print">
          {t('board.print')}
        </button>
        <button type="button" className="button ghost" onClick={onExport} data-testid="planning-export">
          {t(view === 'twoWeeks' ? 'board.exportCsvTwoWeeks' : 'board.exportCsv')}
        </button>
      </div>
      <label htmlFor={`${id}-chauffeur`} className="filter">
        {t('planning.filterChauffeur')}
        <select id={`${id}-chauffeur`} value={filters.chauffeur} onChange={(event) => onFilters({ ...filters, chauffeur: event.target.value })}>
          <option value="">{t('planning.all')}</option>
          {chauffeurs.map((chauffeur) => (
            <option key={chauffeur.id} value={chauffeur.id}>
              {chauffeurLabel(chauffeur)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-voyage`} className="filter">
        {t('planning.filterVoyage')}
        <select id={`${id}-voyage`} value={filters.voyage} onChange={(event) => onFilters({ ...filters, voyage: event.target.value })}>
          <option value="">{t('planning.all')}</option>
          {voyages.map((voyage) => (
            <option key={voyage.id} value={voyage.id}>
              {voyage.code}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-statut`} className="filter">
        {t('planning.filterStatut')}
        <select id={`${id}-statut`} value={filters.statut} onChange={(event) => onFilters({ ...filters, statut: event.target.value })}>
          <option value="">{t('planning.all')}</option>
          {missionStatutValues.map((statut) => (
            <option key={statut} value={statut}>
              {t(`missions.statut.${statut}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
