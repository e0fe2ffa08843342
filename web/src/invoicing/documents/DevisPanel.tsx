import { canChangeDevis, devisStatutOn, factureFromDevis, judgeDevisWrite, mayInvoiceDevis, termsFor, type DevisStatut } from '@relais/domain';
import { updateDocument } from '@relais/replica';
import { newId, type Devis } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useMayEdit } from '../../auth/use-session';
import { useDatabase } from '../../sync/hooks';
import { shiftDay, todayIso } from '../../ui/format';
import { useDocumentNumber } from '../../ui/use-document-number';
import { AcompteDialog } from './ActionDialogs';
import { EmailButton, PdfButtons } from './DocumentActions';
import { CloseButton, EditorForm, LinesAndTotals, PartyPickers, useDocumentEditor } from './DocumentEditor';
import { RegimeSelect, TextInput, useFieldError } from './DocumentParts';
import { buildDevis, devisDraftOf, newDevisDraft, verdictProblems, withContact, type DevisDraft } from './editor-state';
import { insertBuilt, openFacture } from './persistence';
import { byId, plain, type InvoicingData } from './use-invoicing-data';

interface DevisPanelProps {
  /** The quote shown; a new one when absent. */
  doc: RxDocument<Devis> | undefined;
  data: Required<{ [K in keyof InvoicingData]: NonNullable<InvoicingData[K]> }>;
  onClose: () => void;
  /** Shows another quote (the one just created). */
  onOpen: (id: string) => void;
}

/** A quote: its editor while a draft, read-only once sent, and its actions (status, invoice, deposit, PDF, e-mail). */
export function DevisPanel({ doc, data, onClose, onOpen }: DevisPanelProps) {
  const { t } = useTranslation();
  const numberOf = useDocumentNumber();
  const db = useDatabase();
  const mayEdit = useMayEdit('devis');
  const existing = useMemo(() => (doc ? plain(doc) : undefined), [doc]);
  const activeEntreprises = data.entreprises.filter((entreprise) => entreprise.is_active || entreprise.id === existing?.entreprise_id);
  const { draft, change, touched, setTouched, message, setMessage, fail, persist } = useDocumentEditor({
    collection: db.devis,
    doc,
    existing,
    onOpen,
    entreprises: activeEntreprises,
    initial: (only): DevisDraft => {
      if (existing) {
        return devisDraftOf(existing);
      }
      const today = todayIso();
      const fresh = newDevisDraft(only?.id ?? '', today, shiftDay(today, 30));
      return only ? { ...fresh, regime_tva: only.regime_tva === 'franchise' ? 'franchise' : 'normale' } : fresh;
    },
    adopt: (current, only) => ({ ...current, entreprise_id: only.id, regime_tva: only.regime_tva === 'franchise' ? 'franchise' : current.regime_tva }),
  });
  const [acompteOpen, setAcompteOpen] = useState(false);
  const editable = mayEdit && (existing === undefined || existing.statut === 'brouillon');
  const entreprises = byId(data.entreprises);
  const contacts = byId(data.contacts);
  const entreprise = entreprises.get(draft.entreprise_id);
  const contact = contacts.get(draft.contact_id);
  const built = buildDevis(draft, existing);
  const fieldError = useFieldError(touched ? built.problems : []);
  const numero = existing ? numberOf(existing) : t('invoicingDocuments.devis.createTitle');
  const statut: DevisStatut | undefined = existing ? devisStatutOn(existing.statut, existing.date_validite, todayIso()) : undefined;
  const invoice = existing ? data.factures.find((facture) => facture.devis_id === existing.id && facture.type_facture === 'facture') : undefined;

  /** Saves the editor's values (with `statut` when given); false when problems remain. */
  async function save(statutAfter?: Devis['statut']): Promise<boolean> {
    setTouched(true);
    if (built.problems.length > 0) {
      return false;
    }
    const data = statutAfter ? { ...built.data, statut: statutAfter } : built.data;
    if (refusedHere(existing ? { ...existing, ...data } : undefined)) {
      return false;
    }
    await persist(data);
    return true;
  }

  /** The domain's write rule run on this PC before writing: what the server would refuse is said here. */
  function refusedHere(after: Devis | undefined): boolean {
    const problems = existing && after ? verdictProblems(judgeDevisWrite(existing, after, { factureNumero: invoice?.numero })) : [];
    if (problems.length > 0) {
      setMessage({ ok: false, text: problems.map((problem) => t(problem.key, problem.params ?? {})).join(' ') });
    }
    return problems.length > 0;
  }

  const setStatut = (next: Devis['statut']): void => {
    if (doc && existing && !refusedHere({ ...existing, statut: next })) {
      updateDocument(doc, { statut: next }).catch(fail('changement de statut du devis impossible'));
    }
  };

  const convert = (): void => {
    if (!existing || !contact || !entreprise) {
      return;
    }
    const acomptes = data.factures.filter((facture) => facture.devis_id === existing.id && facture.type_facture === 'acompte').map(plain);
    // Plain copies: an RxDB document's nested objects are proxies, which IndexedDB and other tabs cannot clone.
    const conditions_paiement = termsFor(plain(contact), plain(entreprise));
    const facture = factureFromDevis(existing, acomptes, { newId, now: new Date().toISOString(), conditions_paiement });
    insertBuilt(db.factures, facture)
      .then(() => openFacture(facture.id))
      .catch(fail('conversion du devis en facture impossible'));
  };

  return (
    <section className="page doc-panel" data-testid="devis-panel" data-id={existing?.id} data-statut={existing?.statut ?? 'nouveau'}>
      <div className="toolbar">
        <CloseButton onClose={onClose} />
        <h1 data-testid="doc-number">{existing ? t('invoicingDocuments.devis.editTitle', { numero }) : numero}</h1>
        {statut ? (
          <span className={`badge doc-badge-${statut}`} data-testid="doc-statut">
            {t(`invoicingDocuments.devis.statut.${statut}`)}
          </span>
        ) : null}
      </div>
      {existing && existing.statut !== 'brouillon' ? <p className="muted">{t('invoicingDocuments.devis.frozen')}</p> : null}
      {!mayEdit ? <p className="muted">{t('invoicingDocuments.readOnlyRole')}</p> : null}
      <EditorForm
        onSubmit={() => {
          save().catch(fail('enregistrement du devis impossible'));
        }}
        message={message}
        actions={
          <>
            {existing && contact && entreprise ? (
              <PdfButtons input={() => ({ entreprise: plain(entreprise), contact: plain(contact), document: { kind: 'devis', devis: existing } })} />
            ) : null}
            {existing && mayEdit ? (
              <EmailButton collection="devis" id={existing.id} numero={numero} synced={existing.numero !== undefined} defaultTo={contact?.email ?? ''} />
            ) : null}
            {existing && mayEdit && canChangeDevis(existing.statut, 'envoye') ? (
              <button
                type="button"
                className="button"
                data-testid="devis-send"
                onClick={() => {
                  save('envoye').catch(fail('envoi du devis impossible'));
                }}
              >
                {t('invoicingDocuments.devis.send')}
              </button>
            ) : null}
            {existing && mayEdit && canChangeDevis(existing.statut, 'accepte') ? (
              <button type="button" className="button" data-testid="devis-accept" onClick={() => setStatut('accepte')}>
                {t('invoicingDocuments.devis.accept')}
              </button>
            ) : null}
            {existing && mayEdit && canChangeDevis(existing.statut, 'refuse') ? (
              <button type="button" className="button danger" data-testid="devis-refuse" onClick={() => setStatut('refuse')}>
                {t('invoicingDocuments.devis.refuse')}
              </button>
            ) : null}
            {existing && mayEdit && mayInvoiceDevis(existing.statut) ? (
              <>
                <button type="button" className="button" data-testid="devis-acompte" onClick={() => setAcompteOpen(true)}>
                  {t('invoicingDocuments.devis.acompte')}
                </button>
                {invoice ? (
                  <button type="button" className="button primary" data-testid="devis-open-invoice" onClick={() => openFacture(invoice.id)}>
                    {t('invoicingDocuments.devis.openInvoice', { numero: numberOf(invoice) })}
                  </button>
                ) : (
                  <button type="button" className="button primary" data-testid="devis-convert" onClick={convert}>
                    {t('invoicingDocuments.devis.convert')}
                  </button>
                )}
              </>
            ) : null}
            {editable ? (
              <button type="submit" className="button primary" data-testid="doc-save">
                {t('invoicingDocuments.editor.save')}
              </button>
            ) : null}
          </>
        }
      >
        <PartyPickers
          entreprises={activeEntreprises}
          contacts={data.contacts}
          entrepriseId={draft.entreprise_id}
          contactId={draft.contact_id}
          disabled={!editable}
          contactError={fieldError('contact_id')}
          onEntreprise={(id) => change({ ...draft, entreprise_id: id, contact_id: '' })}
          onContact={(id) => change(withContact(draft, contacts.get(id), entreprise))}
        />
        <TextInput
          label={t('invoicingDocuments.devis.date_devis')}
          type="date"
          testId="doc-date"
          value={draft.date_devis}
          disabled={!editable}
          error={fieldError('date_devis')}
          onChange={(value) => change({ ...draft, date_devis: value })}
        />
        <TextInput
          label={t('invoicingDocuments.devis.date_validite')}
          type="date"
          testId="doc-validite"
          value={draft.date_validite}
          disabled={!editable}
          error={fieldError('date_validite')}
          onChange={(value) => change({ ...draft, date_validite: value })}
        />
        <RegimeSelect value={draft.regime_tva} disabled={!editable} onChange={(regime) => change({ ...draft, regime_tva: regime })} />
        <TextInput
          label={t('invoicingDocuments.editor.objet')}
          span={4}
          testId="doc-objet"
          value={draft.objet}
          disabled={!editable}
          onChange={(value) => change({ ...draft, objet: value })}
        />
        <LinesAndTotals
          lines={draft.lignes}
          regime={draft.regime_tva}
          onLines={editable ? (lignes) => change({ ...draft, lignes }) : undefined}
          articles={data.articles}
          problems={built.problems}
          touched={touched}
        >
          <TextInput
            label={t('invoicingDocuments.devis.conditions')}
            span={4}
            multiline
            value={draft.conditions}
            disabled={!editable}
            onChange={(value) => change({ ...draft, conditions: value })}
          />
          <TextInput
            label={t('invoicingDocuments.editor.notes')}
            span={4}
            multiline
            value={draft.notes}
            disabled={!editable}
            onChange={(value) => change({ ...draft, notes: value })}
          />
        </LinesAndTotals>
      </EditorForm>
      {acompteOpen && existing && contact && entreprise ? (
        <AcompteDialog
          devis={existing}
          numero={numero}
          contact={plain(contact)}
          entreprise={plain(entreprise)}
          onClose={() => setAcompteOpen(false)}
          onCreated={(id) => openFacture(id)}
        />
      ) : null}
    </section>
  );
}
