import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../../ui/format';
import type { MonthTurnover } from './dashboard-figures';

const width = 720;
const height = 220;
const top = 18;
const bottom = 28;
const left = 8;

function monthDate(month: string): Date {
  const [year = 1970, index = 1] = month.split('-').map(Number);
  return new Date(year, index - 1, 1);
}

/** "nov. 2026" on the axis, "novembre 2026" in the titles. */
function monthLabel(month: string, language: string, style: 'short' | 'long'): string {
  return new Intl.DateTimeFormat(language, { month: style, ...(style === 'long' ? { year: 'numeric' } : {}) }).format(monthDate(month));
}

/**
 * Turnover excl. VAT per month as bars: a hand-written SVG (no chart library in the PWA's bundle for
 * 12 bars), with a title on each bar and the same figures in a table for screen readers.
 */
export function TurnoverChart({ months }: { months: readonly MonthTurnover[] }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const language = i18n.language;
  const highest = Math.max(0, ...months.map((entry) => entry.ht));
  const lowest = Math.min(0, ...months.map((entry) => entry.ht));
  const span = highest - lowest || 1;
  const plot = height - top - bottom;
  const y = (cents: number): number => top + ((highest - cents) / span) * plot;
  const slot = (width - left * 2) / Math.max(months.length, 1);
  const first = months[0]?.month ?? '';
  const last = months[months.length - 1]?.month ?? '';
  return (
    <figure className="turnover-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>
          {t('invoicing.dashboard.chartLabel', { from: monthLabel(first, language, 'long'), to: monthLabel(last, language, 'long') })}
        </title>
        <line className="chart-axis" x1={left} x2={width - left} y1={y(0)} y2={y(0)} />
        {highest > 0 ? (
          <text className="chart-scale" x={left} y={top - 2}>
            {formatEuros(highest, language)}
          </text>
        ) : null}
        {months.map((entry, index) => {
          const x = left + index * slot + slot * 0.15;
          const barTop = Math.min(y(entry.ht), y(0));
          const barHeight = Math.max(Math.abs(y(entry.ht) - y(0)), entry.ht === 0 ? 0 : 1);
          return (
            <g key={entry.month} data-testid={`turnover-${entry.month}`} data-cents={entry.ht}>
              <rect className={entry.ht < 0 ? 'chart-bar negative' : 'chart-bar'} x={x} y={barTop} width={slot * 0.7} height={barHeight}>
                <title>
                  {monthLabel(entry.month, language, 'long')} : {formatEuros(entry.ht, language)}
                </title>
              </rect>
              <text className="chart-label" x={x + slot * 0.35} y={height - 8} textAnchor="middle">
                {monthLabel(entry.month, language, 'short')}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{t('invoicing.dashboard.turnover')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoicing.dashboard.month')}</th>
            <th scope="col">{t('invoicing.dashboard.amountHt')}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((entry) => (
            <tr key={entry.month}>
              <th scope="row">{monthLabel(entry.month, language, 'long')}</th>
              <td>{formatEuros(entry.ht, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
