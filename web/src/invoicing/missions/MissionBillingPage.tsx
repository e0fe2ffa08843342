import {
  addDays,
  billableMissions,
  documentTotals,
  missionLines,
  missionPrice,
  regimeFor,
  termsFor,
  today,
  unpricedMissions,
  weekStart,
  type LineGrouping,
} from '@relais/domain';
import { newId, type Facture, type Mission } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../../auth/use-session';
import { useDatabase } from '../../sync/hooks';
import { formatEuros } from '../../ui/format';
import { useDocumentNumber } from '../../ui/use-document-number';
import { insertBuilt, openFacture } from '../documents/persistence';
import { contactName } from '../documents/use-invoicing-data';
import { useMissionBillingData } from './use-mission-billing';
import './mission-billing.css';

/** Transport in France: VAT at the standard rate. */
const tauxTransportBp = 2_000;

/** `lun. 7 déc.`: a day as a person reads it in a list. */
export function shortDay(day: string, language: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1));
}

function routeOf(mission: Pick<Mission, 'depart' | 'destination'>): string {
  return mission.depart ? `${mission.depart} → ${mission.destination}` : mission.destination;
}

/**
 * "Facturer des missions": a customer and a period, their delivered missions not yet invoiced, and a
 * draft invoice with one line per mission or per voyage. The server marks the missions as invoiced
 * when it stores the draft, and refuses a mission another invoice already bills.
 */
export function MissionBillingPage() {
  const { t, i18n } = useTranslation();
  const numberOf = useDocumentNumber();
  const language = i18n.language;
  const db = useDatabase();
  const mayEdit = useMayEdit('factures');
  const monday = weekStart(today());
  const [period, setPeriod] = useState({ from: addDays(monday, -7), to: addDays(monday, -1) });
  const [clientId, setClientId] = useState('');
  const [grouping, setGrouping] = useState<LineGrouping>('mission');
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const data = useMissionBillingData(period.from, period.to);
  const contact = data?.contacts.find((candidate) => candidate.id === clientId);
  const entreprise = data?.entreprises.find((candidate) => candidate.id === contact?.entreprise_id);
  const euros = (cents: number): string => formatEuros(cents, language);

  const view = useMemo(() => {
    if (!data || !clientId) {
      return undefined;
    }
    const billing = { client_id: clientId, from: period.from, to: period.to };
    const billable = billableMissions(data.missions, billing);
    const unpriced = unpricedMissions(billable, data.revenus);
    const priced = billable.filter((mission) => !unpriced.includes(mission));
    const invoiced = data.missions.filter((mission) => mission.client_id === clientId && mission.facture_id !== undefined);
    const chosen = priced.filter((mission) => !excluded.has(mission.id));
    const lignes = missionLines({ missions: chosen, voyages: data.voyages, revenus: data.revenus, grouping, taux_tva_bp: tauxTransportBp, newId });
    const regime = contact && entreprise ? regimeFor(contact, entreprise) : 'normale';
    return { priced, unpriced, invoiced, chosen, lignes, regime, totals: documentTotals(lignes, regime) };
  }, [data, clientId, period, excluded, grouping, contact, entreprise]);

  const create = (): void => {
    if (!view || !contact || !entreprise || view.lignes.length === 0) {
      return;
    }
    const facture: Facture = {
      id: newId(),
      rev: 1,
      updated_at: new Date().toISOString(),
      entreprise_id: entreprise.id,
      contact_id: contact.id,
      type_facture: 'facture',
      statut: 'brouillon',
      conditions_paiement: termsFor(contact, entreprise),
      date_prestation: view.chosen.at(-1)?.date_mission ?? period.to,
      objet: t('missionBilling.objet', { from: shortDay(period.from, language), to: shortDay(period.to, language) }),
      lignes: view.lignes,
      regime_tva: view.regime,
    };
    setBusy(true);
    setError(null);
    insertBuilt(db.factures, facture)
      .then(() => openFacture(facture.id))
      .catch((failure: unknown) => {
        setBusy(false);
        setError(t('missionBilling.failed', { message: failure instanceof Error ? failure.message : String(failure) }));
      });
  };

  const toggle = (id: string): void => {
    const next = new Set(excluded);
    if (next.has(id)) {
      next.delete(id);
    } else {
      next.add(id);
    }
    setExcluded(next);
  };
  const allChosen = view !== undefined && view.priced.length > 0 && view.chosen.length === view.priced.length;
  const voyageName = (mission: Mission): string => {
    const voyage = data?.voyages.find((candidate) => candidate.id === mission.voyage_id);
    return voyage ? voyage.code : t('missionBilling.noVoyage');
  };
  const listed = (missions: readonly Mission[]): string =>
    missions.map((mission) => `${routeOf(mission)} (${shortDay(mission.date_mission, language)})`).join(', ');

  return (
    <section className="page mission-billing" data-testid="mission-billing">
      <div className="toolbar">
        <h1>{t('missionBilling.title')}</h1>
      </div>
      <p className="muted">{t('missionBilling.hint')}</p>
      <div className="mission-billing-form">
        <label className="field">
          <span className="label">{t('missionBilling.client')}</span>
          <select
            value={clientId}
            data-testid="billing-client"
            onChange={(event) => {
              setClientId(event.target.value);
              setExcluded(new Set());
            }}
          >
            <option value="">{t('missionBilling.chooseClient')}</option>
            {(data?.contacts ?? [])
              .filter((candidate) => candidate.is_active)
              .map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {contactName(candidate)}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span className="label">{t('missionBilling.du')}</span>
          <input type="date" value={period.from} data-testid="billing-from" onChange={(event) => event.target.value && setPeriod({ ...period, from: event.target.value })} />
        </label>
        <label className="field">
          <span className="label">{t('missionBilling.au')}</span>
          <input type="date" value={period.to} data-testid="billing-to" onChange={(event) => event.target.value && setPeriod({ ...period, to: event.target.value })} />
        </label>
        <fieldset className="mission-billing-grouping">
          <legend>{t('missionBilling.grouping')}</legend>
          {(['mission', 'voyage'] as const).map((value) => (
            <label key={value} className="inline">
              <input type="radio" name="billing-grouping" value={value} checked={grouping === value} data-testid={`billing-grouping-${value}`} onChange={() => setGrouping(value)} />
              {t(value === 'mission' ? 'missionBilling.perMission' : 'missionBilling.perVoyage')}
            </label>
          ))}
        </fieldset>
      </div>
      {!view ? (
        <p className="empty">{t('missionBilling.noClient')}</p>
      ) : (
        <>
          {view.priced.length === 0 ? (
            <p className="empty" data-testid="billing-empty">
              {t('missionBilling.empty')}
            </p>
          ) : (
            <table className="table mission-billing-table" data-testid="billing-missions">
              <thead>
                <tr>
                  <th>
                    <input type="checkbox" aria-label={t('missionBilling.selectAll')} checked={allChosen} onChange={() => setExcluded(allChosen ? new Set(view.priced.map((mission) => mission.id)) : new Set())} />
                  </th>
                  <th>{t('missionBilling.columns.day')}</th>
                  <th>{t('missionBilling.columns.voyage')}</th>
                  <th>{t('missionBilling.columns.route')}</th>
                  <th className="num">{t('missionBilling.columns.pallets')}</th>
                  <th className="num">{t('missionBilling.columns.price')}</th>
                </tr>
              </thead>
              <tbody>
                {view.priced.map((mission) => (
                  <tr key={mission.id} data-testid="billing-mission">
                    <td>
                      <input
                        type="checkbox"
                        checked={!excluded.has(mission.id)}
                        aria-label={t('missionBilling.select', { route: routeOf(mission), day: shortDay(mission.date_mission, language) })}
                        onChange={() => toggle(mission.id)}
                      />
                    </td>
                    <td>
                      {shortDay(mission.date_mission, language)} {mission.heure_debut}
                    </td>
                    <td>{voyageName(mission)}</td>
                    <td>{routeOf(mission)}</td>
                    <td className="num">{mission.nb_palettes ?? ''}</td>
                    <td className="num">{euros(missionPrice(mission, data?.revenus ?? []) ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {view.unpriced.length > 0 ? (
            <p className="invoicing-notice" role="note" data-testid="billing-unpriced">
              {t('missionBilling.unpriced', { count: view.unpriced.length, list: listed(view.unpriced) })}
            </p>
          ) : null}
          {view.invoiced.length > 0 ? (
            <p className="muted" data-testid="billing-invoiced">
              {t('missionBilling.invoiced', {
                count: view.invoiced.length,
                list: view.invoiced
                  .map((mission) => {
                    const facture = data?.factures.find((candidate) => candidate.id === mission.facture_id);
                    const numero = facture ? numberOf(facture) : '';
                    return t('missionBilling.onInvoice', { route: routeOf(mission), day: shortDay(mission.date_mission, language), numero });
                  })
                  .join(', '),
              })}
            </p>
          ) : null}
          <div className="mission-billing-summary" data-testid="billing-summary">
            <span>{t('missionBilling.summary', { n: view.chosen.length, lines: view.lignes.length })}</span>
            <span>
              {t('missionBilling.totalHt')} <strong data-testid="billing-total-ht">{euros(view.totals.total_ht)}</strong>
            </span>
            <span>
              {t('missionBilling.tva')} <strong>{euros(view.totals.total_tva)}</strong>
            </span>
            <span>
              {t('missionBilling.totalTtc')} <strong data-testid="billing-total-ttc">{euros(view.totals.total_ttc)}</strong>
            </span>
            {mayEdit ? (
              <button type="button" className="button primary" data-testid="billing-create" disabled={busy || view.lignes.length === 0 || !entreprise} onClick={create}>
                {busy ? t('missionBilling.creating') : t('missionBilling.create')}
              </button>
            ) : null}
          </div>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
