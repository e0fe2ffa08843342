import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable';
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
      <DataTable<SagesChantier>
        rows={rows ?? undefined}
        rowKey={(row) => row.code}
        loading={t('sages.loading')}
        empty={t('sages.noChantiers')}
        error={error ? <p role="alert">{error}</p> : undefined}
        columns={[
          { key: 'code', header: t('sages.code'), cell: (row) => row.code, sortValue: (row) => row.code },
          { key: 'libelle', header: t('sages.libelle'), cell: (row) => row.libelle, sortValue: (row) => row.libelle },
          { key: 'client', header: t('sages.client'), cell: (row) => row.client ?? '', sortValue: (row) => row.client ?? '' },
          { key: 'ville', header: t('sages.ville'), cell: (row) => row.ville ?? '', sortValue: (row) => row.ville ?? '' },
          { key: 'debut', header: t('sages.debut'), cell: (row) => day(row.date_debut, i18n.language), sortValue: (row) => row.date_debut ?? '' },
          {
            key: 'heures',
            header: t('sages.heuresVendues'),
            numeric: true,
            cell: (row) => (row.heures_vendues === null ? '' : new Intl.NumberFormat(i18n.language).format(row.heures_vendues)),
            sortValue: (row) => row.heures_vendues ?? -1,
          },
          { key: 'etat', header: t('sages.etat'), cell: (row) => (row.actif === 1 ? t('sages.actif') : t('sages.termine')) },
          { key: 'envoi', header: t('sages.envoi'), cell: (row) => (row.to_export ? t('sages.aEnvoyer') : t('sages.envoye')) },
        ]}
      />
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
      <DataTable<SagesHeure>
        rows={rows ?? undefined}
        rowKey={(row) => String(row.slot_id)}
        loading={t('sages.loading')}
        empty={t('sages.noHeures')}
        error={error ? <p role="alert">{error}</p> : undefined}
        columns={[
          { key: 'salarie', header: t('sages.salarie'), cell: (row) => row.salarie_nom ?? '' },
          { key: 'jour', header: t('sages.jour'), cell: (row) => day(row.date_locale, i18n.language) },
          { key: 'chantier', header: t('sages.chantier'), cell: (row) => (row.chantier ? `${row.chantier.code} ${row.chantier.libelle}` : '') },
          { key: 'duree', header: t('sages.duree'), numeric: true, cell: (row) => hours(row.minutes) },
          { key: 'panier', header: t('sages.panier'), cell: (row) => (row.panier ? t('sages.oui') : t('sages.non')) },
          { key: 'trajet', header: t('sages.trajet'), cell: (row) => (row.trajet ? t('sages.oui') : t('sages.non')) },
          { key: 'statut', header: t('sages.statut'), cell: (row) => status(row.statut) },
          { key: 'batigest', header: t('sages.batigest'), cell: (row) => (row.sent ? t('sages.envoye') : t('sages.aEnvoyer')) },
        ]}
      />
    </div>
  );
}
