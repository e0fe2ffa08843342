import { acompteFromDevis, avoirFromFacture, documentTotals, judgeReglementWrite, termsFor } from '@relais/domain';
import { createDocument } from '@relais/replica';
import { modeReglementValues, newId, type Contact, type Devis, type Entreprise, type Facture, type Reglement } from '@relais/schema';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../sync/hooks';
import { Dialog } from '../../ui/Dialog';
import { eurosInput, formatEuros, isValidDay, parseEuros, todayIso } from '../../ui/format';
import { logger } from '../../ui/logger';
import { verdictProblems } from './editor-state';
import { parseQuantity, quantityInput } from './lines';
import { insertBuilt } from './persistence';
import { messageOf } from './DocumentEditor';

interface ShellProps {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  submitTestId: string;
  error: string | null;
  busy?: boolean;
  children: ReactNode;
  wide?: boolean;
}

function DialogForm({ title, onClose, onSubmit, submitLabel, submitTestId, error, busy = false, children, wide = false }: ShellProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} onClose={onClose} wide={wide}>
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <div className="form-grid">{children}</div>
        <footer className="form-footer">
          {error ? (
            <span className="form-error" role="alert">
              {error}
            </span>
          ) : null}
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" data-testid={submitTestId} disabled={busy}>
            {submitLabel}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

/** "Valider": explains that the number comes from the server, and that it works offline. */
export function ValidateDialog({ onClose, onConfirm }: { onClose: () => void; onConfirm: () => Promise<void> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <DialogForm
      title={t('invoicingDocuments.factures.validateTitle')}
      onClose={onClose}
      submitLabel={t('invoicingDocuments.factures.validateConfirm')}
      submitTestId="confirm-validate"
      error={error}
      busy={busy}
      onSubmit={() => {
        setBusy(true);
        onConfirm()
          .then(onClose)
          .catch((failure: unknown) => {
            logger.error('validation de la facture impossible', failure);
            setError(t('invoicingDocuments.actionFailed', { message: messageOf(failure) }));
            setBusy(false);
          });
      }}
    >
      <p className="span-4 doc-explain">{t('invoicingDocuments.factures.validateText')}</p>
    </DialogForm>
  );
}

interface PaymentDialogProps {
  facture: Facture;
  numero: string;
  /** What is still owed (cents): the default amount. */
  reste: number;
  onClose: () => void;
}

/** Records a payment of a validated invoice into `reglements`. */
export function PaymentDialog({ facture, numero, reste, onClose }: PaymentDialogProps) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const ids = { date: useId(), montant: useId(), mode: useId(), reference: useId() };
  const [date, setDate] = useState(todayIso());
  const [montant, setMontant] = useState(reste > 0 ? eurosInput(reste) : '');
  const [mode, setMode] = useState<Reglement['mode']>('virement');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  const cents = parseEuros(montant);
  const amountInvalid = cents === undefined || Number.isNaN(cents) || cents <= 0;
  const over = !amountInvalid && cents > reste ? cents - Math.max(reste, 0) : 0;

  const submit = (): void => {
    if (!isValidDay(date)) {
      setError(t('invoicingDocuments.payment.dateInvalid'));
      return;
    }
    if (amountInvalid) {
      setError(t('invoicingDocuments.payment.amountInvalid'));
      return;
    }
    const [rule] = verdictProblems(judgeReglementWrite({ facture_id: facture.id }, { facture }));
    if (rule) {
      setError(t(rule.key, rule.params ?? {}));
      return;
    }
    createDocument(db.reglements, {
      facture_id: facture.id,
      date_reglement: date,
      montant: cents,
      mode,
      ...(reference.trim() !== '' ? { reference } : {}),
    })
      .then(onClose)
      .catch((failure: unknown) => {
        logger.error('enregistrement du règlement impossible', failure);
        setError(t('invoicingDocuments.actionFailed', { message: messageOf(failure) }));
      });
  };

  return (
    <DialogForm
      title={t('invoicingDocuments.payment.title', { numero })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('common.save')}
      submitTestId="payment-save"
      error={error}
    >
      <div className="field span-2">
        <label htmlFor={ids.date}>{t('invoicingDocuments.payment.date')}</label>
        <input id={ids.date} type="date" data-testid="payment-date" value={date} onChange={(event) => setDate(event.target.value)} />
      </div>
      <div className={`field span-2${amountInvalid && montant !== '' ? ' field-invalid' : ''}`}>
        <label htmlFor={ids.montant}>{t('invoicingDocuments.payment.montant')}</label>
        <input id={ids.montant} inputMode="decimal" data-testid="payment-amount" value={montant} onChange={(event) => setMontant(event.target.value)} />
        {amountInvalid && montant !== '' ? <span className="field-error">{t('invoicingDocuments.payment.amountInvalid')}</span> : null}
        {over > 0 ? <span className="field-hint doc-warn">{t('invoicingDocuments.payment.over', { amount: formatEuros(over, i18n.language) })}</span> : null}
      </div>
      <div className="field span-2">
        <label htmlFor={ids.mode}>{t('invoicingDocuments.payment.mode')}</label>
        <select id={ids.mode} data-testid="payment-mode" value={mode} onChange={(event) => setMode(event.target.value as Reglement['mode'])}>
          {modeReglementValues.map((value) => (
            <option key={value} value={value}>
              {t(`invoicingDocuments.payment.modes.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field span-2">
        <label htmlFor={ids.reference}>{t('invoicingDocuments.payment.reference')}</label>
        <input id={ids.reference} data-testid="payment-reference" value={reference} maxLength={100} onChange={(event) => setReference(event.target.value)} />
      </div>
    </DialogForm>
  );
}

interface AvoirDialogProps {
  facture: Facture;
  numero: string;
  onClose: () => void;
  onCreated: (id: string) => void;
}

/** A credit note on a validated invoice: all its lines, or chosen quantities per line, and its reason. */
export function AvoirDialog({ facture, numero, onClose, onCreated }: AvoirDialogProps) {
  const { t } = useTranslation();
  const db = useDatabase();
  const motifId = useId();
  const [partial, setPartial] = useState(false);
  const [motif, setMotif] = useState('');
  const [quantities, setQuantities] = useState<Record<string, string>>(() =>
    Object.fromEntries(facture.lignes.map((ligne) => [ligne.id, quantityInput(Math.abs(ligne.quantite))])),
  );
  const [error, setError] = useState<string | null>(null);

  const submit = (): void => {
    if (motif.trim() === '') {
      setError(t('invoicingDocuments.problems.motifRequired'));
      return;
    }
    let chosen: Map<string, number> | undefined;
    if (partial) {
      chosen = new Map();
      for (const ligne of facture.lignes) {
        const text = quantities[ligne.id] ?? '';
        const quantity = text.trim() === '' ? 0 : parseQuantity(text);
        if (Number.isNaN(quantity) || quantity < 0 || quantity > Math.abs(ligne.quantite)) {
          setError(t('invoicingDocuments.avoir.quantityInvalid'));
          return;
        }
        if (quantity > 0) {
          chosen.set(ligne.id, quantity);
        }
      }
      if (chosen.size === 0) {
        setError(t('invoicingDocuments.avoir.nothing'));
        return;
      }
    }
    const avoir = avoirFromFacture(facture, { motif, ...(chosen ? { quantities: chosen } : {}) }, { newId, now: new Date().toISOString() });
    insertBuilt(db.factures, avoir)
      .then(() => onCreated(avoir.id))
      .catch((failure: unknown) => {
        logger.error('création de l’avoir impossible', failure);
        setError(t('invoicingDocuments.actionFailed', { message: messageOf(failure) }));
      });
  };

  return (
    <DialogForm
      title={t('invoicingDocuments.avoir.title', { numero })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('invoicingDocuments.avoir.create')}
      submitTestId="avoir-create"
      error={error}
      wide
    >
      <div className="field span-4 doc-radios">
        <label className="checkbox">
          <input type="radio" name="avoir-kind" checked={!partial} onChange={() => setPartial(false)} />
          <span>{t('invoicingDocuments.avoir.full')}</span>
        </label>
        <label className="checkbox">
          <input type="radio" name="avoir-kind" data-testid="avoir-partial" checked={partial} onChange={() => setPartial(true)} />
          <span>{t('invoicingDocuments.avoir.partial')}</span>
        </label>
      </div>
      {partial ? (
        <div className="span-4 table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('invoicingDocuments.editor.designation')}</th>
                <th className="num">{t('invoicingDocuments.editor.quantite')}</th>
                <th className="num">{t('invoicingDocuments.avoir.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {facture.lignes.map((ligne) => (
                <tr key={ligne.id}>
                  <td>{ligne.designation}</td>
                  <td className="num">{quantityInput(ligne.quantite)}</td>
                  <td className="num">
                    <input
                      className="num"
                      inputMode="decimal"
                      aria-label={`${t('invoicingDocuments.avoir.quantity')} : ${ligne.designation}`}
                      value={quantities[ligne.id] ?? ''}
                      onChange={(event) => setQuantities((current) => ({ ...current, [ligne.id]: event.target.value }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="field span-4">
        <label htmlFor={motifId}>{t('invoicingDocuments.avoir.motif')}</label>
        <input id={motifId} data-testid="avoir-motif" value={motif} maxLength={500} onChange={(event) => setMotif(event.target.value)} />
      </div>
    </DialogForm>
  );
}

interface AcompteDialogProps {
  devis: Devis;
  numero: string;
  contact: Contact;
  entreprise: Entreprise;
  onClose: () => void;
  onCreated: (id: string) => void;
}

/** A deposit invoice on an accepted quote: a percentage of its amount excl. VAT, or an amount. */
export function AcompteDialog({ devis, numero, contact, entreprise, onClose, onCreated }: AcompteDialogProps) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const valueId = useId();
  const [byPercent, setByPercent] = useState(true);
  const [value, setValue] = useState('30');
  const [error, setError] = useState<string | null>(null);
  const total = documentTotals(devis.lignes, devis.regime_tva).total_ht;

  const submit = (): void => {
    const text = value.replace(/[\s%]/g, '').replace(',', '.');
    let part: { pourcentage_bp: number } | { montant_ht: number };
    if (byPercent) {
      const percent = /^\d+(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : Number.NaN;
      part = { pourcentage_bp: percent };
      if (Number.isNaN(percent) || percent <= 0 || percent > 10_000) {
        setError(t('invoicingDocuments.acompte.invalid', { total: formatEuros(total, i18n.language) }));
        return;
      }
    } else {
      const cents = parseEuros(value);
      if (cents === undefined || Number.isNaN(cents) || cents <= 0 || cents > total) {
        setError(t('invoicingDocuments.acompte.invalid', { total: formatEuros(total, i18n.language) }));
        return;
      }
      part = { montant_ht: cents };
    }
    let acompte: Facture;
    try {
      acompte = acompteFromDevis(devis, part, { newId, now: new Date().toISOString(), conditions_paiement: termsFor(contact, entreprise) });
    } catch {
      setError(t('invoicingDocuments.acompte.invalid', { total: formatEuros(total, i18n.language) }));
      return;
    }
    insertBuilt(db.factures, acompte)
      .then(() => onCreated(acompte.id))
      .catch((failure: unknown) => {
        logger.error('création de la facture d’acompte impossible', failure);
        setError(t('invoicingDocuments.actionFailed', { message: messageOf(failure) }));
      });
  };

  return (
    <DialogForm
      title={t('invoicingDocuments.acompte.title', { numero })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('invoicingDocuments.acompte.create')}
      submitTestId="acompte-create"
      error={error}
    >
      <div className="field span-4 doc-radios">
        <span className="label">{t('invoicingDocuments.acompte.mode')}</span>
        <label className="checkbox">
          <input type="radio" name="acompte-kind" checked={byPercent} onChange={() => setByPercent(true)} />
          <span>{t('invoicingDocuments.acompte.percent')}</span>
        </label>
        <label className="checkbox">
          <input type="radio" name="acompte-kind" data-testid="acompte-by-amount" checked={!byPercent} onChange={() => setByPercent(false)} />
          <span>{t('invoicingDocuments.acompte.amount')}</span>
        </label>
      </div>
      <div className="field span-2">
        <label htmlFor={valueId}>{byPercent ? t('invoicingDocuments.acompte.percent') : t('invoicingDocuments.acompte.amount')}</label>
        <input id={valueId} inputMode="decimal" data-testid="acompte-value" value={value} onChange={(event) => setValue(event.target.value)} />
        <span className="field-hint">{formatEuros(total, i18n.language)} HT</span>
      </div>
    </DialogForm>
  );
}
