import { useTranslation } from 'react-i18next';

/** The risky settings the server reports (password-less sign-in switched on…), for administrators. */
export function SecurityRisks({ risks }: { risks: readonly string[] }) {
  const { t } = useTranslation();
  if (risks.length === 0) {
    return null;
  }
  return (
    <div className="activity-risks" role="alert" data-testid="security-risks">
      <strong>{t('activity.risksTitle')}</strong>
      <ul>
        {risks.map((risk) => (
          <li key={risk}>{risk}</li>
        ))}
      </ul>
    </div>
  );
}
