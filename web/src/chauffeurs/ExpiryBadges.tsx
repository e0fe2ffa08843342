import type { Chauffeur } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import { expiryWarnings } from './expiry';

/** The licence / FIMO / ADR / medical check dates that are past (red) or within 30 days (orange). */
export function ExpiryBadges({ chauffeur, today }: { chauffeur: Readonly<Chauffeur>; today: string }) {
  const { t } = useTranslation();
  return (
    <>
      {expiryWarnings(chauffeur, today).map((warning) => (
        <span
          key={warning.field}
          className={`badge expiry-${warning.level}`}
          data-testid={`expiry-${warning.field}`}
          title={t(`chauffeurs.expiry.${warning.level}`, { date: warning.date, n: Math.abs(warning.days) })}
        >
          {t(`chauffeurs.expiry.short.${warning.field}`)} {warning.date}
        </span>
      ))}
    </>
  );
}
