import { displayNumber, documentTotals } from '@relais/domain';
import { createDocument, removeDocument } from '@relais/replica';
import { newId, type Facture } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useMayEdit } from '../../auth/use-session';
import { useDatabase } from '../../sync/hooks';
import { formatEuros, todayIso } from '../../ui/format';
import { logger } from '../../ui/logger';
import { AvoirDialog, PaymentDialog, ValidateDialog } from './ActionDialogs';
import { EmailButton, PdfButtons } from './DocumentActions';
import { ContactPicker, EntreprisePicker, LinesTable, ProblemsList, RegimeSelect, TextInput, TotalsBox, useFieldError } from './DocumentParts';
import { buildFacture, factureDraftOf, newFactureDraft, withContact, type FactureDraft } from './editor-state';
import { factureRow, formatDay, linksOf } from './filters';
import { draftFromLigne, liveTotals } from './lines';
import { saveOver } from './persistence';
import { byId, contactName, plain, type InvoicingData } from './use-invoicing-data';

type LoadedData = Required<{ [K in keyof InvoicingData]: NonNullable<InvoicingData[K]> }>;

interface FacturePanelProps {
  doc: RxDocument<Facture> | undefined;
  data: LoadedData;
  onClose: () => void;
  onOpen: (id: string) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An invoice, a deposit invoice or a credit note: its editor while a draft, its read-only view once validated. */
export function FacturePanel(props: FacturePanelProps) {
  return props.doc?.statut === 'validee' ? <ValidatedFacture {...props} doc={props.doc} /> : <DraftFacture {...props} />;
}

function StateBadge({ facture, data }: { facture: Facture; data: LoadedData }) {
  const { t } = useTranslation();
  const row = factureRow(facture, linksOf(data.factures.map(plain), data.reglements.map(plain)), todayIso());
  return (
    <span className={`badge doc-state-${row.state}`} data-testid="facture-state" data-state={row.state}>
      {t(`invoicingDocuments.factures.state.${row.state}`, { n: row.joursRetard ?? 0 })}
    </span>
  );
}

function Header({ facture, data, onClose }: { facture: Facture | undefined; data: LoadedData; onClose: () => void }) {
  const { t } = useTranslation();
  const title = facture
    ? t('invoicingDocuments.factures.editTitle', { type: t(`invoicingDocuments.factures.type.${facture.type_facture}`), numero: displayNumber(facture, 'facture') })
    : t('invoicingDocuments.factures.createTitle');
  return (
    <div className="toolbar">
      <button type="button" className="button ghost" data-testid="doc-close" onClick={onClose}>
        ← {t('invoicingDocuments.editor.close')}
      </button>
      <h1>
        {facture ? (
          <>
            {t(`invoicingDocuments.factures.type.${facture.type_facture}`)} <span data-testid="doc-number">{displayNumber(facture, 'facture')}</span>
          </>
        ) : (
          <span data-testid="doc-number">{title}</span>
        )}
      </h1>
      {facture ? <StateBadge facture={facture} data={data} /> : null}
    </div>
  );
}

function Origins({ facture, data, onOpen }: { facture: Facture; data: LoadedData; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const origine = facture.facture_origine_id ? data.factures.find((candidate) => candidate.id === facture.facture_origine_id) : undefined;
  const devis = facture.devis_id ? data.devis.find((candidate) => candidate.id === facture.devis_id) : undefined;
  if (!origine && !devis) {
    return null;
  }
  return (
    <p className="muted">
      {origine ? (
        <button type="button" className="link-button" onClick={() => onOpen(origine.id)}>
          {t('invoicingDocuments.factures.origine', { numero: displayNumber(origine, 'facture') })}
        </button>
      ) : null}
      {devis ? <span>{t('invoicingDocuments.factures.fromDevis', { numero: displayNumber(devis, 'devis') })}</span> : null}
    </p>
  );
}

function DraftFacture({ doc, data, onClose, onOpen }: FacturePanelProps) {
  const { t } = useTranslation();
  const db = useDatabase();
  const mayEdit = useMayEdit('factures');
  const existing = useMemo(() => (doc ? plain(doc) : undefined), [doc]);
  const activeEntreprises = data.entreprises.filter((entreprise) => entreprise.is_active || entreprise.id === existing?.entreprise_id);
  const [draft, setDraft] = useState<FactureDraft>(() =>
    existing ? factureDraftOf(existing) : newFactureDraft(activeEntreprises.length === 1 ? activeEntreprises[0] : undefined),
  );
  const [touched, setTouched] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [validating, setValidating] = useState(false);
  // The only company, once it reaches this device (the editor may open before the first sync ends).
  const onlyEntreprise = !existing && activeEntreprises.length === 1 ? activeEntreprises[0] : undefined;
  if (onlyEntreprise && draft.entreprise_id === '' && !touched) {
    // Adjusted while rendering (React's pattern for state derived from new props), once.
    const current = draft;
    setDraft({ ...newFactureDraft(onlyEntreprise), ...current, entreprise_id: onlyEntreprise.id, jours: String(onlyEntreprise.conditions_paiement.jours), fin_de_mois: onlyEntreprise.conditions_paiement.fin_de_mois });
  }
  const entreprises = byId(data.entreprises);
  const contacts = byId(data.contacts);
  const entreprise = entreprises.get(draft.entreprise_id);
  const contact = contacts.get(draft.contact_id);
  const built = buildFacture(draft, existing);
  const totals = liveTotals(draft.lignes, draft.regime_tva);
  const fieldError = useFieldError(touched ? built.problems : []);
  const editable = mayEdit;

  const change = (next: FactureDraft): void => {
    setDraft(next);
    setTouched(true);
    setMessage(null);
  };
  const fail = (what: string) => (failure: unknown) => {
    logger.error(what, failure);
    setMessage({ ok: false, text: t('invoicingDocuments.actionFailed', { message: messageOf(failure) }) });
  };

  /** Writes the values locally as `statut`; false when problems remain (then shown). */
  async function save(statut: Facture['statut']): Promise<boolean> {
    setTouched(true);
    const result = statut === 'brouillon' ? built : buildFacture(draft, existing, statut);
    if (result.problems.length > 0) {
      setMessage({ ok: false, text: result.problems.map((problem) => t(problem.key, problem.params ?? {})).join(' ') });
      return false;
    }
    if (doc && existing) {
      await saveOver(doc, existing, result.data);
    } else {
      const id = newId();
      await createDocument(db.factures, { ...result.data, id });
      onOpen(id);
    }
    setMessage({ ok: true, text: t('invoicingDocuments.editor.saved') });
    return true;
  }

  const entrepriseContacts = data.contacts.filter((candidate) => candidate.entreprise_id === draft.entreprise_id);
  const fixedParties = existing?.type_facture === 'avoir' || existing?.devis_id !== undefined;

  return (
    <section className="page doc-panel" data-testid="facture-panel" data-statut="brouillon">
      <Header facture={existing} data={data} onClose={onClose} />
      {existing ? <Origins facture={existing} data={data} onOpen={onOpen} /> : null}
      {!mayEdit ? <p className="muted">{t('invoicingDocuments.readOnlyRole')}</p> : null}
      <form
        className="form doc-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save('brouillon').catch(fail('enregistrement de la facture impossible'));
        }}
      >
        <div className="form-grid">
          <EntreprisePicker
            entreprises={activeEntreprises}
            value={draft.entreprise_id}
            disabled={!editable || fixedParties}
            onChange={(id) => {
              const next = entreprises.get(id);
              change({ ...draft, entreprise_id: id, contact_id: '', ...(next ? { jours: String(next.conditions_paiement.jours), fin_de_mois: next.conditions_paiement.fin_de_mois } : {}) });
            }}
          />
          <ContactPicker
            contacts={entrepriseContacts}
            value={draft.contact_id}
            disabled={!editable || fixedParties}
            error={fieldError('contact_id')}
            onChange={(id) => change(withContact(draft, contacts.get(id), entreprise))}
          />
          <TextInput
            label={t('invoicingDocuments.factures.date_prestation')}
            type="date"
            testId="doc-date-prestation"
            value={draft.date_prestation}
            disabled={!editable}
            error={fieldError('date_prestation')}
            onChange={(value) => change({ ...draft, date_prestation: value })}
          />
          <TextInput
            label={t('invoicingDocuments.factures.jours')}
            testId="doc-jours"
            value={draft.jours}
            disabled={!editable}
            error={fieldError('conditions_paiement.jours')}
            onChange={(value) => change({ ...draft, jours: value })}
          />
          <div className="field span-1 doc-checkbox-field">
            <label className="checkbox">
              <input type="checkbox" checked={draft.fin_de_mois} disabled={!editable} onChange={(event) => change({ ...draft, fin_de_mois: event.target.checked })} />
              <span>{t('invoicingDocuments.factures.fin_de_mois')}</span>
            </label>
          </div>
          <RegimeSelect value={draft.regime_tva} disabled={!editable} onChange={(regime) => change({ ...draft, regime_tva: regime })} />
          <TextInput label={t('invoicingDocuments.editor.objet')} span={4} testId="doc-objet" value={draft.objet} disabled={!editable} onChange={(value) => change({ ...draft, objet: value })} />
          {draft.type_facture === 'avoir' ? (
            <TextInput
              label={t('invoicingDocuments.factures.motif')}
              span={4}
              testId="doc-motif"
              value={draft.motif}
              disabled={!editable}
              error={fieldError('motif')}
              onChange={(value) => change({ ...draft, motif: value })}
            />
          ) : null}
          <LinesTable
            lines={draft.lignes}
            onChange={editable ? (lignes) => change({ ...draft, lignes }) : undefined}
            articles={data.articles}
            totals={totals}
            problems={touched ? built.problems : []}
          />
          <div className="span-2">
            <TextInput label={t('invoicingDocuments.editor.notes')} span={4} multiline value={draft.notes} disabled={!editable} onChange={(value) => change({ ...draft, notes: value })} />
          </div>
          <div className="span-2">
            <TotalsBox totals={totals} regime={draft.regime_tva} />
          </div>
          {touched ? (
            <div className="span-4">
              <ProblemsList problems={built.problems} />
            </div>
          ) : null}
        </div>
        <footer className="form-footer doc-actions">
          {message ? (
            <span className={message.ok ? 'doc-ok' : 'form-error'} role="status" data-testid="doc-message">
              {message.text}
            </span>
          ) : null}
          {existing && contact && entreprise ? (
            <PdfButtons input={() => ({ entreprise: plain(entreprise), contact: plain(contact), document: { kind: 'facture', facture: existing, origine: origineOf(existing, data) } })} />
          ) : null}
          {doc && editable ? (
            <button
              type="button"
              className="button danger"
              data-testid="facture-delete"
              onClick={() => {
                if (window.confirm(t('invoicingDocuments.factures.deleteConfirm'))) {
                  removeDocument(doc)
                    .then(onClose)
                    .catch(fail('suppression du brouillon impossible'));
                }
              }}
            >
              {t('invoicingDocuments.factures.deleteDraft')}
            </button>
          ) : null}
          {editable ? (
            <>
              <button type="submit" className="button" data-testid="doc-save">
                {t('invoicingDocuments.editor.save')}
              </button>
              <button
                type="button"
                className="button primary"
                data-testid="facture-validate"
                onClick={() => {
                  const result = buildFacture(draft, existing, 'validee');
                  setTouched(true);
                  if (result.problems.length > 0) {
                    setMessage({ ok: false, text: result.problems.map((problem) => t(problem.key, problem.params ?? {})).join(' ') });
                    return;
                  }
                  setValidating(true);
                }}
              >
                {t('invoicingDocuments.factures.validate')}
              </button>
            </>
          ) : null}
        </footer>
      </form>
      {validating ? (
        <ValidateDialog
          onClose={() => setValidating(false)}
          onConfirm={async () => {
            await save('validee');
          }}
        />
      ) : null}
    </section>
  );
}

function origineOf(facture: Facture, data: LoadedData): Facture | undefined {
  const origine = facture.facture_origine_id ? data.factures.find((candidate) => candidate.id === facture.facture_origine_id) : undefined;
  return origine ? plain(origine) : undefined;
}

function ValidatedFacture({ doc, data, onClose, onOpen }: Omit<FacturePanelProps, 'doc'> & { doc: RxDocument<Facture> }) {
  const { t, i18n } = useTranslation();
  const mayEdit = useMayEdit('factures');
  const facture = useMemo(() => plain<Facture>(doc), [doc]);
  const [dialog, setDialog] = useState<'payment' | 'avoir' | null>(null);
  const euros = (cents: number): string => formatEuros(cents, i18n.language);
  const entreprise = data.entreprises.find((candidate) => candidate.id === facture.entreprise_id);
  const contact = data.contacts.find((candidate) => candidate.id === facture.contact_id);
  const links = linksOf(data.factures.map(plain), data.reglements.map(plain));
  const row = factureRow(facture, links, todayIso());
  const totals = documentTotals(facture.lignes, facture.regime_tva);
  const payments = [...(links.reglements.get(facture.id) ?? [])].sort((a, b) => a.date_reglement.localeCompare(b.date_reglement));
  const avoirs = links.avoirs.get(facture.id) ?? [];
  const numero = displayNumber(facture, 'facture');
  const synced = facture.numero !== undefined;
  const isAvoir = facture.type_facture === 'avoir';
  const balance = row.balance;

  return (
    <section className="page doc-panel" data-testid="facture-panel" data-statut="validee">
      <Header facture={facture} data={data} onClose={onClose} />
      <Origins facture={facture} data={data} onOpen={onOpen} />
      {synced ? <p className="muted">{t('invoicingDocuments.factures.readOnly')}</p> : (
        <p className="doc-pending" data-testid="pending-number">
          {t('invoicingDocuments.factures.pendingNumber')}
        </p>
      )}
      <dl className="doc-facts">
        <div>
          <dt>{t('invoicingDocuments.editor.entreprise')}</dt>
          <dd>{entreprise?.raison_sociale ?? ''}</dd>
        </div>
        <div>
          <dt>{t('invoicingDocuments.editor.client')}</dt>
          <dd>{contact ? contactName(contact) : t('invoicingDocuments.unknownContact')}</dd>
        </div>
        <div>
          <dt>{t('invoicingDocuments.factures.date_facture')}</dt>
          <dd data-testid="facture-date">{facture.date_facture ? formatDay(facture.date_facture, i18n.language) : '—'}</dd>
        </div>
        <div>
          <dt>{t('invoicingDocuments.factures.date_echeance')}</dt>
          <dd>{facture.date_echeance ? formatDay(facture.date_echeance, i18n.language) : '—'}</dd>
        </div>
        {facture.objet ? (
          <div>
            <dt>{t('invoicingDocuments.editor.objet')}</dt>
            <dd>{facture.objet}</dd>
          </div>
        ) : null}
        {facture.motif ? (
          <div>
            <dt>{t('invoicingDocuments.factures.motif')}</dt>
            <dd>{facture.motif}</dd>
          </div>
        ) : null}
      </dl>
      <div className="form-grid doc-readonly">
        <LinesTable lines={facture.lignes.map(draftFromLigne)} articles={data.articles} totals={totals} problems={[]} />
        <div className="span-2">
          {!isAvoir ? (
            <>
              <h2 className="doc-subtitle">{t('invoicingDocuments.factures.payments')}</h2>
              {payments.length === 0 ? <p className="muted">{t('invoicingDocuments.factures.noPayments')}</p> : (
                <table className="table" data-testid="payments">
                  <tbody>
                    {payments.map((payment) => (
                      <tr key={payment.id}>
                        <td>{formatDay(payment.date_reglement, i18n.language)}</td>
                        <td>{t(`invoicingDocuments.payment.modes.${payment.mode}`)}</td>
                        <td>{payment.reference ?? ''}</td>
                        <td className="num">{euros(payment.montant)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <h2 className="doc-subtitle">{t('invoicingDocuments.factures.avoirs')}</h2>
              {avoirs.length === 0 ? <p className="muted">{t('invoicingDocuments.factures.noAvoirs')}</p> : (
                <table className="table" data-testid="avoirs">
                  <tbody>
                    {avoirs.map((avoir) => (
                      <tr key={avoir.id}>
                        <td>
                          <button type="button" className="link-button" onClick={() => onOpen(avoir.id)}>
                            {displayNumber(avoir, 'facture')}
                          </button>
                        </td>
                        <td>{t(`invoicingDocuments.factures.state.${avoir.statut === 'brouillon' ? 'brouillon' : 'avoir'}`, { n: 0 })}</td>
                        <td className="num">{euros(documentTotals(avoir.lignes, avoir.regime_tva).total_ttc)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          ) : null}
        </div>
        <div className="span-2">
          <TotalsBox totals={totals} regime={facture.regime_tva} />
          {balance ? (
            <table className="doc-balance" data-testid="balance">
              <tbody>
                <tr>
                  <th scope="row">{t('invoicingDocuments.factures.balance.regle')}</th>
                  <td className="num">{euros(balance.regle)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('invoicingDocuments.factures.balance.credite')}</th>
                  <td className="num">{euros(balance.credite)}</td>
                </tr>
                <tr className={balance.reste < 0 ? 'doc-over' : 'doc-total-ttc'}>
                  <th scope="row">{balance.reste < 0 ? t('invoicingDocuments.factures.balance.trop') : t('invoicingDocuments.factures.balance.reste')}</th>
                  <td className="num" data-testid="balance-reste">
                    {euros(Math.abs(balance.reste))}
                  </td>
                </tr>
              </tbody>
            </table>
          ) : null}
        </div>
      </div>
      <footer className="form-footer doc-actions">
        {entreprise && contact ? (
          <PdfButtons input={() => ({ entreprise: plain(entreprise), contact: plain(contact), document: { kind: 'facture', facture, origine: origineOf(facture, data) } })} />
        ) : null}
        {mayEdit ? <EmailButton collection="factures" id={facture.id} numero={numero} synced={synced} defaultTo={contact?.email ?? ''} /> : null}
        {mayEdit && !isAvoir ? (
          <>
            <button type="button" className="button" data-testid="avoir-new" onClick={() => setDialog('avoir')}>
              {t('invoicingDocuments.avoir.new')}
            </button>
            <button type="button" className="button primary" data-testid="payment-new" disabled={!synced} title={synced ? undefined : t('invoicingDocuments.factures.pendingNumber')} onClick={() => setDialog('payment')}>
              {t('invoicingDocuments.payment.new')}
            </button>
          </>
        ) : null}
      </footer>
      {dialog === 'payment' ? <PaymentDialog facture={facture} numero={numero} reste={balance?.reste ?? 0} onClose={() => setDialog(null)} /> : null}
      {dialog === 'avoir' ? (
        <AvoirDialog
          facture={facture}
          numero={numero}
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setDialog(null);
            onOpen(id);
          }}
        />
      ) : null}
    </section>
  );
}
