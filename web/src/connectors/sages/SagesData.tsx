import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sagesApi, type SagesChantier, type SagesHeure } from './sages-api';

function day(value: string | null, language: string): string {
  return value === null ? '—' : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function hours(minutes: number): string {
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}

/** The hub's chantiers, read-only (finance and administrators). */
export function SagesChantiers() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<SagesChantier[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      sagesApi.chantiers(query).then(
        (answer) => setRows(answer.chantiers),
        (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);
  return (
    <div data-testid="sages-chantiers">
      <div className="toolbar">
        <label className="sages-field inline">
          <span>{t('sages.search')}</span>
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </label>
        {rows ? <span className="muted">{t('sages.total', { n: rows.length })}</span> : null}
      </div>
      {error ? <p role="alert">{error}</p> : null}
      {rows === null ? (
        <p className="muted">{t('sages.loading')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('sages.code')}</th>
              <th>{t('sages.libelle')}</th>
              <th>{t('sages.client')}</th>
              <th>{t('sages.ville')}</th>
              <th>{t('sages.debut')}</th>
              <th>{t('sages.heuresVendues')}</th>
              <th>{t('sages.etat')}</th>
              <th>{t('sages.envoi')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <td>{row.code}</td>
                <td>{row.libelle}</td>
                <td>{row.client ?? ''}</td>
                <td>{row.ville ?? ''}</td>
                <td>{day(row.date_debut, i18n.language)}</td>
                <td>{row.heures_vendues === null ? '' : new Intl.NumberFormat(i18n.language).format(row.heures_vendues)}</td>
                <td>{row.actif === 1 ? t('sages.actif') : t('sages.termine')}</td>
                <td>{row.to_export ? t('sages.aEnvoyer') : t('sages.envoye')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const statusKeys = ['VALIDATED', 'PENDING', 'REJECTED'] as const;

/** The hub's hours over a period, read-only, with whether each reached Batigest. */
export function SagesHeures() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(() => isoDay(-31));
  const [to, setTo] = useState(() => isoDay(0));
  const [rows, setRows] = useState<SagesHeure[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    sagesApi.heures(from, to).then(
      (answer) => setRows(answer.heures),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [from, to]);
  const status = (value: string): string => {
    const key = statusKeys.find((candidate) => candidate === value);
    return key ? t(`sages.slotStatus.${key}`) : value.toLowerCase();
  };
  return (
    <div data-testid="sages-heures">
      <div className="toolbar">
        <label className="sages-field inline">
          <span>{t('sages.from')}</span>
          <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label className="sages-field inline">
          <span>{t('sages.to')}</span>
          <input type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        {rows ? <span className="muted">{t('sages.total', { n: rows.length })}</span> : null}
      </div>
      {error ? <p role="alert">{error}</p> : null}
      {rows === null ? (
        <p className="muted">{t('sages.loading')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('sages.salarie')}</th>
              <th>{t('sages.jour')}</th>
              <th>{t('sages.chantier')}</th>
              <th>{t('sages.duree')}</th>
              <th>{t('sages.panier')}</th>
              <th>{t('sages.trajet')}</th>
              <th>{t('sages.statut')}</th>
              <th>{t('sages.batigest')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.slot_id}>
                <td>{row.salarie_nom ?? ''}</td>
                <td>{day(row.date_locale, i18n.language)}</td>
                <td>{row.chantier ? `${row.chantier.code} ${row.chantier.libelle}` : ''}</td>
                <td>{hours(row.minutes)}</td>
                <td>{row.panier ? t('sages.oui') : t('sages.non')}</td>
                <td>{row.trajet ? t('sages.oui') : t('sages.non')}</td>
                <td>{status(row.statut)}</td>
                <td>{row.sent ? t('sages.envoye') : t('sages.aEnvoyer')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
