import { canChangeDevis, devisStatutOn, displayNumber, factureFromDevis, mayInvoiceDevis, termsFor, type DevisStatut } from '@relais/domain';
import { createDocument, updateDocument } from '@relais/replica';
import { newId, type Devis } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useMayEdit } from '../../auth/use-session';
import { useDatabase } from '../../sync/hooks';
import { shiftDay, todayIso } from '../../ui/format';
import { logger } from '../../ui/logger';
import { AcompteDialog } from './ActionDialogs';
import { EmailButton, PdfButtons } from './DocumentActions';
import { ContactPicker, EntreprisePicker, LinesTable, ProblemsList, RegimeSelect, TextInput, TotalsBox, useFieldError } from './DocumentParts';
import { buildDevis, devisDraftOf, newDevisDraft, withContact, type DevisDraft } from './editor-state';
import { liveTotals } from './lines';
import { insertBuilt, openFacture, saveOver } from './persistence';
import { byId, plain, type InvoicingData } from './use-invoicing-data';

interface DevisPanelProps {
  /** The quote shown; a new one when absent. */
  doc: RxDocument<Devis> | undefined;
  data: Required<{ [K in keyof InvoicingData]: NonNullable<InvoicingData[K]> }>;
  onClose: () => void;
  /** Shows another quote (the one just created). */
  onOpen: (id: string) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A quote: its editor while a draft, read-only once sent, and its actions (status, invoice, deposit, PDF, e-mail). */
export function DevisPanel({ doc, data, onClose, onOpen }: DevisPanelProps) {
  const { t } = useTranslation();
  const db = useDatabase();
  const mayEdit = useMayEdit('devis');
  const existing = useMemo(() => (doc ? plain(doc) : undefined), [doc]);
  const activeEntreprises = data.entreprises.filter((entreprise) => entreprise.is_active || entreprise.id === existing?.entreprise_id);
  const [draft, setDraft] = useState<DevisDraft>(() => {
    if (existing) {
      return devisDraftOf(existing);
    }
    const today = todayIso();
    const only = activeEntreprises.length === 1 ? activeEntreprises[0] : undefined;
    const fresh = newDevisDraft(only?.id ?? '', today, shiftDay(today, 30));
    return only ? { ...fresh, regime_tva: only.regime_tva === 'franchise' ? 'franchise' : 'normale' } : fresh;
  });
  const [touched, setTouched] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [acompteOpen, setAcompteOpen] = useState(false);
  // The only company, once it reaches this device (the editor may open before the first sync ends).
  const onlyEntreprise = !existing && activeEntreprises.length === 1 ? activeEntreprises[0] : undefined;
  if (onlyEntreprise && draft.entreprise_id === '' && !touched) {
    // Adjusted while rendering (React's pattern for state derived from new props), once.
    const current = draft;
    setDraft({ ...current, entreprise_id: onlyEntreprise.id, regime_tva: onlyEntreprise.regime_tva === 'franchise' ? 'franchise' : current.regime_tva });
  }
  const editable = mayEdit && (existing === undefined || existing.statut === 'brouillon');
  const entreprises = byId(data.entreprises);
  const contacts = byId(data.contacts);
  const entreprise = entreprises.get(draft.entreprise_id);
  const contact = contacts.get(draft.contact_id);
  const built = buildDevis(draft, existing);
  const totals = liveTotals(draft.lignes, draft.regime_tva);
  const fieldError = useFieldError(touched ? built.problems : []);
  const numero = existing ? displayNumber(existing, 'devis') : t('invoicingDocuments.devis.createTitle');
  const statut: DevisStatut | undefined = existing ? devisStatutOn(existing.statut, existing.date_validite, todayIso()) : undefined;
  const invoice = existing ? data.factures.find((facture) => facture.devis_id === existing.id && facture.type_facture === 'facture') : undefined;

  const change = (next: DevisDraft): void => {
    setDraft(next);
    setTouched(true);
    setMessage(null);
  };

  const fail = (what: string) => (failure: unknown) => {
    logger.error(what, failure);
    setMessage({ ok: false, text: t('invoicingDocuments.actionFailed', { message: messageOf(failure) }) });
  };

  /** Saves the editor's values (with `statut` when given); false when problems remain. */
  async function save(statutAfter?: Devis['statut']): Promise<boolean> {
    setTouched(true);
    if (built.problems.length > 0) {
      return false;
    }
    const values = statutAfter ? { ...built.data, statut: statutAfter } : built.data;
    if (doc && existing) {
      await saveOver(doc, existing, values);
    } else {
      const id = newId();
      await createDocument(db.devis, { ...values, id });
      onOpen(id);
    }
    setMessage({ ok: true, text: t('invoicingDocuments.editor.saved') });
    return true;
  }

  const setStatut = (next: Devis['statut']): void => {
    if (doc) {
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

  const entrepriseContacts = data.contacts.filter((candidate) => candidate.entreprise_id === draft.entreprise_id);

  return (
    <section className="page doc-panel" data-testid="devis-panel" data-statut={existing?.statut ?? 'nouveau'}>
      <div className="toolbar">
        <button type="button" className="button ghost" data-testid="doc-close" onClick={onClose}>
          ← {t('invoicingDocuments.editor.close')}
        </button>
        <h1 data-testid="doc-number">{existing ? t('invoicingDocuments.devis.editTitle', { numero }) : numero}</h1>
        {statut ? (
          <span className={`badge doc-badge-${statut}`} data-testid="doc-statut">
            {t(`invoicingDocuments.devis.statut.${statut}`)}
          </span>
        ) : null}
      </div>
      {existing && existing.statut !== 'brouillon' ? <p className="muted">{t('invoicingDocuments.devis.frozen')}</p> : null}
      {!mayEdit ? <p className="muted">{t('invoicingDocuments.readOnlyRole')}</p> : null}
      <form
        className="form doc-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save().catch(fail('enregistrement du devis impossible'));
        }}
      >
        <div className="form-grid">
          <EntreprisePicker
            entreprises={activeEntreprises}
            value={draft.entreprise_id}
            disabled={!editable}
            onChange={(id) => change({ ...draft, entreprise_id: id, contact_id: '' })}
          />
          <ContactPicker
            contacts={entrepriseContacts}
            value={draft.contact_id}
            disabled={!editable}
            error={fieldError('contact_id')}
            onChange={(id) => change(withContact(draft, contacts.get(id), entreprise))}
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
          <LinesTable
            lines={draft.lignes}
            onChange={editable ? (lignes) => change({ ...draft, lignes }) : undefined}
            articles={data.articles}
            totals={totals}
            problems={touched ? built.problems : []}
          />
          <div className="span-2">
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
                  {t('invoicingDocuments.devis.openInvoice', { numero: displayNumber(invoice, 'facture') })}
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
        </footer>
      </form>
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
