import type { Article, Contact, Entreprise } from '@relais/schema';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxCollection, RxDocument } from 'rxdb';
import { logger } from '../../ui/logger';
import { ContactPicker, EntreprisePicker, LinesTable, ProblemsList, TotalsBox } from './DocumentParts';
import type { Problem, Regime } from './editor-state';
import { liveTotals, type LineDraft } from './lines';
import { saveEdited } from './persistence';

/** What the quote editor and the invoice editor share: their state, their form, their parties, lines and totals. */

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The line under an editor's form: saved, or why an action failed. */
export interface EditorMessage {
  ok: boolean;
  text: string;
}

interface Revisioned {
  id: string;
  rev: number;
  updated_at: string;
}

interface EditorOptions<T extends Revisioned, D extends { entreprise_id: string }> {
  collection: RxCollection<T>;
  /** The document shown (and its plain values); a new one when absent. */
  doc: RxDocument<T> | undefined;
  existing: T | undefined;
  /** Shows the document just created. */
  onOpen: (id: string) => void;
  /** The companies offered: a new document takes the only one. */
  entreprises: readonly Entreprise[];
  initial: (only: Entreprise | undefined) => D;
  /** The draft of a new document once the only company reaches this device. */
  adopt: (draft: D, only: Entreprise) => D;
}

/** An editor's draft, whether it was touched, its message, and how it changes, fails and is saved. */
export function useDocumentEditor<T extends Revisioned, D extends { entreprise_id: string }>({
  collection,
  doc,
  existing,
  onOpen,
  entreprises,
  initial,
  adopt,
}: EditorOptions<T, D>) {
  const { t } = useTranslation();
  const only = entreprises.length === 1 ? entreprises[0] : undefined;
  const [draft, setDraft] = useState<D>(() => initial(only));
  const [touched, setTouched] = useState(false);
  const [message, setMessage] = useState<EditorMessage | null>(null);
  // The only company, once it reaches this device (the editor may open before the first sync ends).
  if (!existing && only && draft.entreprise_id === '' && !touched) {
    // Adjusted while rendering (React's pattern for state derived from new props), once.
    setDraft(adopt(draft, only));
  }

  const change = (next: D): void => {
    setDraft(next);
    setTouched(true);
    setMessage(null);
  };

  const fail = (what: string) => (failure: unknown) => {
    logger.error(what, failure);
    setMessage({ ok: false, text: t('invoicingDocuments.actionFailed', { message: messageOf(failure) }) });
  };

  /** Writes the values locally, over the document or as a new one (then shown), and says so. */
  async function persist(values: Omit<T, 'id' | 'rev' | 'updated_at'>): Promise<void> {
    const created = await saveEdited(collection, doc, existing, values);
    if (created !== undefined) {
      onOpen(created);
    }
    setMessage({ ok: true, text: t('invoicingDocuments.editor.saved') });
  }

  return { draft, change, touched, setTouched, message, setMessage, fail, persist };
}

/** The "close" button of a document's toolbar. */
export function CloseButton({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button ghost" data-testid="doc-close" onClick={onClose}>
      ← {t('invoicingDocuments.editor.close')}
    </button>
  );
}

/** The line that says what an action did. */
export function MessageLine({ message }: { message: EditorMessage | null }) {
  return message ? (
    <span className={message.ok ? 'doc-ok' : 'form-error'} role="status" data-testid="doc-message">
      {message.text}
    </span>
  ) : null;
}

interface EditorFormProps {
  onSubmit: () => void;
  message: EditorMessage | null;
  /** The inputs (in the grid). */
  children: ReactNode;
  /** The buttons after the message. */
  actions: ReactNode;
}

/** An editor's form: its inputs, then its message and actions. */
export function EditorForm({ onSubmit, message, children, actions }: EditorFormProps) {
  return (
    <form
      className="form doc-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <div className="form-grid">{children}</div>
      <footer className="form-footer doc-actions">
        <MessageLine message={message} />
        {actions}
      </footer>
    </form>
  );
}

interface PartyPickersProps {
  entreprises: readonly Entreprise[];
  /** All the customers: those of the chosen company are offered. */
  contacts: readonly Contact[];
  entrepriseId: string;
  contactId: string;
  disabled: boolean;
  contactError: string | undefined;
  onEntreprise: (id: string) => void;
  onContact: (id: string) => void;
}

/** The issuing company and the customer (one of the company's). */
export function PartyPickers({ entreprises, contacts, entrepriseId, contactId, disabled, contactError, onEntreprise, onContact }: PartyPickersProps) {
  return (
    <>
      <EntreprisePicker entreprises={entreprises} value={entrepriseId} disabled={disabled} onChange={onEntreprise} />
      <ContactPicker
        contacts={contacts.filter((candidate) => candidate.entreprise_id === entrepriseId)}
        value={contactId}
        disabled={disabled}
        error={contactError}
        onChange={onContact}
      />
    </>
  );
}

interface LinesAndTotalsProps {
  lines: readonly LineDraft[];
  regime: Regime;
  /** Absent when read-only. */
  onLines: ((lines: LineDraft[]) => void) | undefined;
  articles: readonly RxDocument<Article>[];
  /** The problems to show (none until the editor is touched). */
  problems: readonly Problem[];
  touched: boolean;
  /** The texts beside the totals (notes, conditions). */
  children: ReactNode;
  /** An invoice's lines say why a 0 % line bears no VAT (see `LinesTable`). */
  exemptions?: boolean | undefined;
}

/** The lines table, the texts beside the live totals, and the problems once touched. */
export function LinesAndTotals({ lines, regime, onLines, articles, problems, touched, children, exemptions = false }: LinesAndTotalsProps) {
  const totals = liveTotals(lines, regime);
  return (
    <>
      <LinesTable lines={lines} onChange={onLines} articles={articles} totals={totals} problems={touched ? problems : []} exemptions={exemptions && regime === 'normale'} />
      <div className="span-2">{children}</div>
      <div className="span-2">
        <TotalsBox totals={totals} regime={regime} />
      </div>
      {touched ? (
        <div className="span-4">
          <ProblemsList problems={problems} />
        </div>
      ) : null}
    </>
  );
}
