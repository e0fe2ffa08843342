import { useTranslation } from 'react-i18next';
import type { BoardAbsence } from './board-absences';
import { shortDay } from './mission-name';

/**
 * A chauffeur's absence drawn on the board (hatched, its kind in words), under the blocks: a drop
 * there is still possible, and the conflict preview says why it is refused.
 */
export function AbsenceMark({ absence, name, compact = false }: { absence: BoardAbsence; name: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const type = t(`absences.type.${absence.type_absence}`);
  const values = { name, type, from: shortDay(absence.date_debut, i18n.language), to: shortDay(absence.date_fin, i18n.language) };
  const full = absence.motif ? t('board.absenceWithMotif', { ...values, motif: absence.motif }) : t('board.absenceOn', values);
  return (
    <div className={`absence-mark${compact ? ' compact' : ''}`} data-testid="planning-absence" data-type={absence.type_absence} title={full}>
      <span className="absence-label">{type}</span>
      <span className="sr-only">{full}</span>
    </div>
  );
}
