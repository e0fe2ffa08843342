import type { Voyage } from '@relais/schema';
import { useTranslation } from 'react-i18next';

/** The colours of the voyages shown on the board, and what a hatched row means. */
export function BoardLegend({ voyages, showAbsence }: { voyages: readonly Readonly<Voyage>[]; showAbsence: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="board-legend" aria-label={t('board.legend')} data-testid="planning-legend">
      {voyages.map((voyage) => (
        <li key={voyage.id} data-testid="planning-legend-item">
          <span className="legend-swatch" style={{ background: voyage.couleur ?? 'var(--navy)' }} aria-hidden="true" />
          <span className="legend-code">{voyage.code}</span> <span className="muted">{voyage.nom}</span>
        </li>
      ))}
      <li>
        <span className="legend-swatch legend-none" aria-hidden="true" />
        {t('board.noVoyage')}
      </li>
      {showAbsence ? (
        <li>
          <span className="legend-swatch legend-absence" aria-hidden="true" />
          {t('board.absent')}
        </li>
      ) : null}
    </ul>
  );
}
