import { today } from '@relais/domain';
import { useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../../ui/format';
import { navigate, pathOf } from '../../ui/route';
import { useDocumentNumber } from '../../ui/use-document-number';
import { dashboardFigures } from './dashboard-figures';
import { formatDay } from '../documents/filters';
import { ExportsPanel } from './ExportsPanel';
import { TurnoverChart } from './TurnoverChart';
import { useContacts, useEntreprises, useFactures, useReglements } from './use-parties';

function openFactures(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  navigate('factures');
}

/** The invoicing dashboard: turnover per month, what is still owed, what is overdue and whom to chase. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const numberOf = useDocumentNumber();
  const entreprises = useEntreprises();
  const factures = useFactures();
  const reglements = useReglements();
  const contacts = useContacts();
  const [chosen, setChosen] = useState('');
  const entrepriseId = entreprises?.some((entreprise) => entreprise.id === chosen) ? chosen : undefined;
  const day = today();
  const figures = useMemo(
    () =>
      factures && reglements && contacts
        ? dashboardFigures({ factures, reglements, contacts, today: day, entrepriseId, numberOf })
        : undefined,
    [factures, reglements, contacts, day, entrepriseId, numberOf],
  );

  return (
    <section className="page dashboard" data-testid="invoicing-dashboard">
      <div className="toolbar">
        <h1>{t('invoicing.dashboard.title')}</h1>
        {entreprises && entreprises.length > 1 ? (
          <label className="dashboard-entreprise">
            <span>{t('invoicing.dashboard.entreprise')}</span>
            <select value={entrepriseId ?? ''} onChange={(event) => setChosen(event.target.value)} data-testid="dashboard-entreprise">
              <option value="">{t('invoicing.dashboard.allEntreprises')}</option>
              {entreprises.map((entreprise) => (
                <option key={entreprise.id} value={entreprise.id}>
                  {entreprise.raison_sociale}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {entreprises?.length === 0 ? <p className="invoicing-notice">{t('invoicing.noEntreprise')}</p> : null}
      {!figures ? (
        <p className="empty">{t('invoicing.dashboard.loading')}</p>
      ) : (
        <>
          <div className="kpis">
            <div className="kpi" data-testid="kpi-unpaid">
              <span className="kpi-label">{t('invoicing.dashboard.unpaid')}</span>
              <strong className="kpi-value">{formatEuros(figures.unpaidTotal, language)}</strong>
              <span className="muted">{t('invoicing.dashboard.unpaidCount', { n: figures.unpaidCount })}</span>
            </div>
            <div className={`kpi${figures.overdueCount > 0 ? ' kpi-alert' : ''}`} data-testid="kpi-overdue">
              <span className="kpi-label">{t('invoicing.dashboard.overdue')}</span>
              <strong className="kpi-value">{formatEuros(figures.overdueTotal, language)}</strong>
              <span className="muted">{t('invoicing.dashboard.overdueCount', { n: figures.overdueCount })}</span>
            </div>
          </div>
          <section className="dashboard-panel">
            <h2>{t('invoicing.dashboard.turnover')}</h2>
            <p className="muted">{t('invoicing.dashboard.turnoverHint')}</p>
            <TurnoverChart months={figures.months} />
          </section>
          <section className="dashboard-panel">
            <h2>{t('invoicing.dashboard.reminders')}</h2>
            {figures.reminders.length === 0 ? (
              <p className="muted">{t('invoicing.dashboard.noReminder')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="reminders">
                  <thead>
                    <tr>
                      <th>{t('invoicing.dashboard.client')}</th>
                      <th>{t('invoicing.dashboard.numero')}</th>
                      <th>{t('invoicing.dashboard.echeance')}</th>
                      <th className="num">{t('invoicing.dashboard.retard')}</th>
                      <th className="num">{t('invoicing.dashboard.reste')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {figures.reminders.map((reminder) => (
                      <tr key={reminder.factureId}>
                        <td>{reminder.client}</td>
                        <td className="mono">
                          <a href={pathOf('factures')} onClick={openFactures}>
                            {reminder.numero}
                          </a>
                        </td>
                        <td>{formatDay(reminder.dateEcheance, language)}</td>
                        <td className="num">{t('invoicing.dashboard.days', { n: reminder.joursRetard })}</td>
                        <td className="num">{formatEuros(reminder.reste, language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <a className="button small" href={pathOf('factures')} onClick={openFactures} data-testid="dashboard-open-factures">
              {t('invoicing.dashboard.open')}
            </a>
          </section>
          {entreprises ? <ExportsPanel entreprises={entreprises} entrepriseId={entrepriseId} /> : null}
        </>
      )}
    </section>
  );
}
