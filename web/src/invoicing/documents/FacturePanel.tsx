import { documentTotals } from '@relais/domain';
import { removeDocument } from '@relais/replica';
import type { Facture } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useMayEdit } from '../../auth/use-session';
import { useDatabase } from '../../sync/hooks';
import { formatEuros, todayIso } from '../../ui/format';
import { logger } from '../../ui/logger';
import { useDocumentNumber } from '../../ui/use-document-number';
import { AvoirDialog, PaymentDialog, ValidateDialog } from './ActionDialogs';
import { EmailButton, PdfButtons } from './DocumentActions';
import { CloseButton, EditorForm, LinesAndTotals, PartyPickers, useDocumentEditor } from './DocumentEditor';
import { LinesTable, RegimeSelect, TextInput, TotalsBox, useFieldError } from './DocumentParts';
import { FactureReformFields } from './FactureReformFields';
import { buildFacture, factureDraftOf, factureWriteProblems, newFactureDraft, withContact, type FactureDraft } from './editor-state';
import { factureRow, formatDay, linksOf } from './filters';
import { draftFromLigne } from './lines';
import { byId, contactName, plain, type InvoicingData } from './use-invoicing-data';

type LoadedData = Required<{ [K in keyof InvoicingData]: NonNullable<InvoicingData[K]> }>;

interface FacturePanelProps {
  doc: RxDocument<Facture> | undefined;
  data: LoadedData;
  onClose: () => void;
  onOpen: (id: string) => void;
}

/** An invoice, a deposit invoice or a credit note: its editor while a draft, its read-only view once validated. */
export function FacturePanel(props: FacturePanelProps) {
  return props.doc?.statut === 'validee' ? <ValidatedFacture {...props} doc={props.doc} /> : <DraftFacture {...props} />;
}

function StateBadge({ facture, data }: { facture: Facture; data: LoadedData }) {
  const { t } = useTranslation();
  const numberOf = useDocumentNumber();
  const row = factureRow(facture, linksOf(data.factures.map(plain), data.reglements.map(plain)), todayIso(), numberOf);
  return (
    <span className={`badge doc-state-${row.state}`} data-testid="facture-state" data-state={row.state}>
      {t(`invoicingDocuments.factures.state.${row.state}`, { n: row.joursRetard ?? 0 })}
    </span>
  );
}

function Header({ facture, data, onClose }: { facture: Facture | undefined; data: LoadedData; onClose: () => void }) {
  const { t } = useTranslation();
  const numberOf = useDocumentNumber();
  const title = facture
    ? t('invoicingDocuments.factures.editTitle', { type: t(`invoicingDocuments.factures.type.${facture.type_facture}`), numero: numberOf(facture) })
    : t('invoicingDocuments.factures.createTitle');
  return (
    <div className="toolbar">
      <CloseButton onClose={onClose} />
      <h1>
        {facture ? (
          <>
            {t(`invoicingDocuments.factures.type.${facture.type_facture}`)} <span data-testid="doc-number">{numberOf(facture)}</span>
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
  const numberOf = useDocumentNumber();
  const origine = facture.facture_origine_id ? data.factures.find((candidate) => candidate.id === facture.facture_origine_id) : undefined;
  const devis = facture.devis_id ? data.devis.find((candidate) => candidate.id === facture.devis_id) : undefined;
  if (!origine && !devis) {
    return null;
  }
  return (
    <p className="muted">
      {origine ? (
        <button type="button" className="link-button" onClick={() => onOpen(origine.id)}>
          {t('invoicingDocuments.factures.origine', { numero: numberOf(origine) })}
        </button>
      ) : null}
      {devis ? <span>{t('invoicingDocuments.factures.fromDevis', { numero: numberOf(devis) })}</span> : null}
    </p>
  );
}

function DraftFacture({ doc, data, onClose, onOpen }: FacturePanelProps) {
  const { t } = useTranslation();
  const db = useDatabase();
  const mayEdit = useMayEdit('factures');
  const existing = useMemo(() => (doc ? plain(doc) : undefined), [doc]);
  const activeEntreprises = data.entreprises.filter((entreprise) => entreprise.is_active || entreprise.id === existing?.entreprise_id);
  const { draft, change, touched, setTouched, message, setMessage, fail, persist } = useDocumentEditor({
    collection: db.factures,
    doc,
    existing,
    onOpen,
    entreprises: activeEntreprises,
    initial: (only): FactureDraft => (existing ? factureDraftOf(existing) : newFactureDraft(only)),
    adopt: (current, only) => ({
      ...newFactureDraft(only),
      ...current,
      entreprise_id: only.id,
      jours: String(only.conditions_paiement.jours),
      fin_de_mois: only.conditions_paiement.fin_de_mois,
    }),
  });
  const [validating, setValidating] = useState(false);
  const entreprises = byId(data.entreprises);
  const contacts = byId(data.contacts);
  const entreprise = entreprises.get(draft.entreprise_id);
  const contact = contacts.get(draft.contact_id);
  const built = buildFacture(draft, existing);
  /** The document as it would be written, with the domain's write rules run on this PC's store. */
  const checked = (statut: Facture['statut']): ReturnType<typeof buildFacture> => {
    const result = statut === 'brouillon' ? built : buildFacture(draft, existing, statut);
    if (result.problems.length > 0) {
      return result;
    }
    const local = { entreprises: data.entreprises.map(plain), contacts: data.contacts.map(plain), factures: data.factures.map(plain) };
    return { ...result, problems: factureWriteProblems(existing, result.data, local) };
  };
  const fieldError = useFieldError(touched ? built.problems : []);
  const editable = mayEdit;

  /** Writes the values locally as `statut`; false when problems remain (then shown). */
  async function save(statut: Facture['statut']): Promise<boolean> {
    setTouched(true);
    const result = checked(statut);
    if (result.problems.length > 0) {
      setMessage({ ok: false, text: result.problems.map((problem) => t(problem.key, problem.params ?? {})).join(' ') });
      return false;
    }
    await persist(result.data);
    return true;
  }

  const fixedParties = existing?.type_facture === 'avoir' || existing?.devis_id !== undefined;

  return (
    <section className="page doc-panel" data-testid="facture-panel" data-id={existing?.id} data-statut="brouillon">
      <Header facture={existing} data={data} onClose={onClose} />
      {existing ? <Origins facture={existing} data={data} onOpen={onOpen} /> : null}
      {!mayEdit ? <p className="muted">{t('invoicingDocuments.readOnlyRole')}</p> : null}
      <EditorForm
        onSubmit={() => {
          save('brouillon').catch(fail('enregistrement de la facture impossible'));
        }}
        message={message}
        actions={
          <>
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
                    const result = checked('validee');
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
          </>
        }
      >
        <PartyPickers
          entreprises={activeEntreprises}
          contacts={data.contacts}
          entrepriseId={draft.entreprise_id}
          contactId={draft.contact_id}
          disabled={!editable || fixedParties}
          contactError={fieldError('contact_id')}
          onEntreprise={(id) => {
            const next = entreprises.get(id);
            change({ ...draft, entreprise_id: id, contact_id: '', ...(next ? { jours: String(next.conditions_paiement.jours), fin_de_mois: next.conditions_paiement.fin_de_mois } : {}) });
          }}
          onContact={(id) => change(withContact(draft, contacts.get(id), entreprise))}
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
        <FactureReformFields draft={draft} entreprise={entreprise} contact={contact} disabled={!editable} change={change} />
        <LinesAndTotals
          lines={draft.lignes}
          regime={draft.regime_tva}
          exemptions
          onLines={editable ? (lignes) => change({ ...draft, lignes }) : undefined}
          articles={data.articles}
          problems={built.problems}
          touched={touched}
        >
          <TextInput label={t('invoicingDocuments.editor.notes')} span={4} multiline value={draft.notes} disabled={!editable} onChange={(value) => change({ ...draft, notes: value })} />
        </LinesAndTotals>
      </EditorForm>
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
  const numberOf = useDocumentNumber();
  const { t, i18n } = useTranslation();
  const mayEdit = useMayEdit('factures');
  const mayEditPayments = useMayEdit('reglements');
  const db = useDatabase();
  const facture = useMemo(() => plain<Facture>(doc), [doc]);
  const [dialog, setDialog] = useState<'payment' | 'avoir' | null>(null);
  const euros = (cents: number): string => formatEuros(cents, i18n.language);
  const entreprise = data.entreprises.find((candidate) => candidate.id === facture.entreprise_id);
  const contact = data.contacts.find((candidate) => candidate.id === facture.contact_id);
  const links = linksOf(data.factures.map(plain), data.reglements.map(plain));
  const row = factureRow(facture, links, todayIso(), numberOf);
  const totals = documentTotals(facture.lignes, facture.regime_tva);
  const payments = [...(links.reglements.get(facture.id) ?? [])].sort((a, b) => a.date_reglement.localeCompare(b.date_reglement));
  const avoirs = links.avoirs.get(facture.id) ?? [];
  const numero = numberOf(facture);
  const synced = facture.numero !== undefined;
  const isAvoir = facture.type_facture === 'avoir';
  const balance = row.balance;

  return (
    <section className="page doc-panel" data-testid="facture-panel" data-id={facture.id} data-statut="validee">
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
        <LinesTable lines={facture.lignes.map(draftFromLigne)} articles={data.articles} totals={totals} problems={[]} exemptions={facture.regime_tva === 'normale'} />
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
                        {mayEditPayments ? (
                          <td className="col-actions">
                            <button
                              type="button"
                              className="button small danger"
                              data-testid="payment-delete"
                              onClick={() => {
                                const question = t('invoicingDocuments.factures.paymentDeleteConfirm', {
                                  montant: euros(payment.montant),
                                  date: formatDay(payment.date_reglement, i18n.language),
                                });
                                if (window.confirm(question)) {
                                  // A payment entered by mistake is removed; the invoice's balance follows.
                                  db.reglements
                                    .findOne(payment.id)
                                    .exec()
                                    .then((found) => (found ? removeDocument(found) : undefined))
                                    .catch((error: unknown) => logger.error('suppression du règlement impossible', error));
                                }
                              }}
                            >
                              {t('invoicingDocuments.factures.paymentDelete')}
                            </button>
                          </td>
                        ) : null}
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
                            {numberOf(avoir)}
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
          <PdfButtons
            input={() => ({ entreprise: plain(entreprise), contact: plain(contact), document: { kind: 'facture', facture, origine: origineOf(facture, data) } })}
            facturX={facture.statut !== 'brouillon' && facture.numero !== undefined}
          />
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
