import type { Mission } from '@relais/schema';
import { memo, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockModel } from './block-models';
import { DropArea } from './DropArea';
import { useBackgroundValue } from '../ui/background-task';
import { formatEuros } from '../ui/format';
import { totalsByDay, type DayTotals } from './planning-totals';
import { RevenueByCustomer } from './RevenueByCustomer';

interface UnassignedListProps {
  missions: readonly BlockModel[];
  editable: boolean;
  renderBlock: (model: BlockModel) => ReactNode;
}

/** Missions with neither a chauffeur nor a subcontractor; dropping a block here unassigns it. */
export function UnassignedList({ missions, editable, renderBlock }: UnassignedListProps) {
  const { t } = useTranslation();
  return (
    <aside className="planning-side" aria-labelledby="planning-unassigned-title">
      <h2 id="planning-unassigned-title">
        {t('planning.unassigned')} <span className="muted">({missions.length})</span>
      </h2>
      <DropArea zone={{ type: 'unassigned' }} disabled={!editable} className="unassigned-list" label={t('planning.dropToUnassign')} testId="planning-unassigned">
        {missions.length === 0 ? <p className="muted">{t('planning.unassignedEmpty')}</p> : null}
        {missions.map((model) => renderBlock(model))}
      </DropArea>
    </aside>
  );
}

interface TotalsProps {
  days: readonly string[];
  totals: ReadonlyMap<string, DayTotals>;
  dayLabel: (day: string) => string;
}

/** Pallets, revenue and subcontracting cost per day; the board shows them only with `view_finance`. */
export function PlanningTotals({ days, totals, dayLabel }: TotalsProps) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table planning-totals" data-testid="planning-totals">
      <thead>
        <tr>
          <th />
          {days.map((day) => (
            <th key={day} className="num">
              {dayLabel(day)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t('planning.pallets')}</th>
          {days.map((day) => (
            <td key={day} className="num" data-testid="planning-total-pallets">
              {totals.get(day)?.pallets ?? 0}
            </td>
          ))}
        </tr>
        <tr>
          <th scope="row">{t('planning.revenue')}</th>
          {days.map((day) => (
            <td key={day} className="num" data-testid="planning-total-revenue">
              {formatEuros(totals.get(day)?.revenue ?? 0, i18n.language)}
            </td>
          ))}
        </tr>
        <tr>
          <th scope="row">{t('planning.cost')}</th>
          {days.map((day) => (
            <td key={day} className="num" data-testid="planning-total-cost">
              {formatEuros(totals.get(day)?.cost ?? 0, i18n.language)}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

interface BoardSumsProps {
  days: readonly string[];
  /** The missions of `days` the filters keep. */
  shown: readonly Readonly<Mission>[];
  dayLabel: (day: string) => string;
}

/** A new period reaches the sums in a background task: the board the click asked for paints first. */
const sumsLatestMs = 500;

/**
 * The totals by day and the revenue by customer, under the board (out of view below its rows): a
 * new period or a change of its missions reaches them after the board painted, never in the render
 * of the click (a week of 5 000 missions summed twice).
 */
export const BoardSums = memo(function BoardSums({ days, shown, dayLabel }: BoardSumsProps) {
  const summed = useBackgroundValue(useMemo(() => ({ days, shown }), [days, shown]), sumsLatestMs);
  const totals = useMemo(() => totalsByDay(summed.shown, summed.days), [summed]);
  return (
    <>
      <PlanningTotals days={summed.days} totals={totals} dayLabel={dayLabel} />
      <RevenueByCustomer days={summed.days} missions={summed.shown} dayLabel={dayLabel} />
    </>
  );
});
