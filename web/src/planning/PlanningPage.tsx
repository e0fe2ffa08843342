import { useTranslation } from 'react-i18next';

/** The planning board (placeholder until the board lands). */
export function PlanningPage() {
  const { t } = useTranslation();
  return (
    <section className="page" data-testid="planning-board">
      <h1>{t('planning.title')}</h1>
    </section>
  );
}
