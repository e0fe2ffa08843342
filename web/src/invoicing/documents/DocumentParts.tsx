import type { DocumentTotals } from '@relais/domain';
import { newId, type Article, type Contact, type Entreprise } from '@relais/schema';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { formatEuros } from '../../ui/format';
import type { Problem, Regime } from './editor-state';
import { LineExemption } from './LineExemption';
import { draftFromArticle, emptyLine, fold, formatRate, moveLine, rateOptions, searchArticles, type LineDraft } from './lines';
import { contactName } from './use-invoicing-data';

/** The parts of the quote and invoice editors: customer picker, lines table, live totals, messages. */

/** The messages that prevent saving, in French first, as soon as the values change. */
export function ProblemsList({ problems }: { problems: readonly Problem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) {
    return null;
  }
  return (
    <div className="doc-problems" role="alert" data-testid="doc-problems">
      <strong>{t('invoicingDocuments.editor.problemsTitle')}</strong>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.field}-${index}`}>{t(problem.key, problem.params ?? {})}</li>
        ))}
      </ul>
    </div>
  );
}

interface EntreprisePickerProps {
  entreprises: readonly Entreprise[];
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
}

export function EntreprisePicker({ entreprises, value, onChange, disabled = false }: EntreprisePickerProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field span-2">
      <label htmlFor={id}>{t('invoicingDocuments.editor.entreprise')}</label>
      <select id={id} data-testid="doc-entreprise" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('common.select')}</option>
        {entreprises.map((entreprise) => (
          <option key={entreprise.id} value={entreprise.id}>
            {entreprise.raison_sociale}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ContactPickerProps {
  /** The customers of the chosen company. */
  contacts: readonly Contact[];
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  error?: string | undefined;
}

/** A search box narrowing the customers of the company, and the select to choose one. */
export function ContactPicker({ contacts, value, onChange, disabled = false, error }: ContactPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const wanted = fold(search.trim());
  const shown = contacts.filter(
    (contact) =>
      contact.id === value ||
      (contact.is_active && (wanted === '' || fold(`${contactName(contact)} ${contact.code ?? ''} ${contact.email ?? ''}`).includes(wanted))),
  );
  return (
    <div className={`field span-2${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{t('invoicingDocuments.editor.client')}</label>
      <div className="doc-contact-picker">
        {disabled ? null : (
          <input
            type="search"
            data-testid="doc-contact-search"
            aria-label={t('invoicingDocuments.editor.clientSearch')}
            placeholder={t('invoicingDocuments.editor.clientSearch')}
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              const matches = contacts.filter((contact) => contact.is_active && fold(`${contactName(contact)} ${contact.code ?? ''} ${contact.email ?? ''}`).includes(fold(event.target.value.trim())));
              if (matches.length === 1 && matches[0] && event.target.value.trim() !== '') {
                onChange(matches[0].id);
              }
            }}
          />
        )}
        <select id={id} data-testid="doc-contact" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('common.select')}</option>
          {shown.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {contactName(contact)}
              {contact.code ? ` (${contact.code})` : ''}
            </option>
          ))}
        </select>
      </div>
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  );
}

interface ArticleSearchProps {
  articles: readonly RxDocument<Article>[];
  onPick: (line: LineDraft) => void;
}

/** Typing a reference or a label lists the matching active articles; picking one adds its line. */
function ArticleSearch({ articles, onPick }: ArticleSearchProps) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const found = searchArticles(articles, search);
  return (
    <div className="doc-article-search">
      <input
        type="search"
        data-testid="article-search"
        aria-label={t('invoicingDocuments.editor.articleSearch')}
        placeholder={t('invoicingDocuments.editor.articleSearch')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {search.trim() !== '' ? (
        <ul className="doc-article-results" role="listbox">
          {found.length === 0 ? <li className="muted">{t('invoicingDocuments.editor.noArticle')}</li> : null}
          {found.map((article) => (
            <li key={article.id}>
              <button
                type="button"
                role="option"
                aria-selected={false}
                data-testid="article-option"
                onClick={() => {
                  onPick(draftFromArticle(article, newId()));
                  setSearch('');
                }}
              >
                <span className="mono">{article.reference}</span> {article.libelle}
                <span className="muted">
                  {' '}
                  · {formatEuros(article.prix_unitaire_ht, i18n.language)} / {article.unite} · {formatRate(article.taux_tva_bp)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface LinesTableProps {
  lines: readonly LineDraft[];
  onChange?: ((lines: LineDraft[]) => void) | undefined;
  articles: readonly RxDocument<Article>[];
  totals: DocumentTotals;
  /** Fields in error, `lignes.<index>.<field>`. */
  problems: readonly Problem[];
  /** An invoice under the normal VAT regime: its 0 % lines say why (exempt or zero-rated). */
  exemptions?: boolean | undefined;
}

/** The lines: editable inputs (article search, free lines, reorder, delete), or read-only cells without `onChange`. */
export function LinesTable({ lines, onChange, articles, totals, problems, exemptions = false }: LinesTableProps) {
  const { t, i18n } = useTranslation();
  const invalid = new Set(problems.map((problem) => problem.field));
  const readOnly = onChange === undefined;
  const update = (index: number, patch: Partial<LineDraft>): void => {
    onChange?.(lines.map((line, at) => (at === index ? { ...line, ...patch } : line)));
  };
  const cellClass = (index: number, field: string): string | undefined => (invalid.has(`lignes.${index}.${field}`) ? 'cell-invalid' : undefined);
  return (
    <div className="doc-lines span-4">
      <div className="table-wrap">
        <table className="table doc-lines-table" data-testid="doc-lines">
          <thead>
            <tr>
              <th>#</th>
              <th className="doc-col-designation">{t('invoicingDocuments.editor.designation')}</th>
              <th className="num">{t('invoicingDocuments.editor.quantite')}</th>
              <th>{t('invoicingDocuments.editor.unite')}</th>
              <th className="num">{t('invoicingDocuments.editor.prix')}</th>
              <th className="num">{t('invoicingDocuments.editor.remise')}</th>
              <th>{t('invoicingDocuments.editor.tva')}</th>
              <th className="num">{t('invoicingDocuments.editor.montant')}</th>
              {readOnly ? null : (
                <th className="col-actions">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => {
              const n = index + 1;
              const amount = totals.lignes_ht.length === lines.length ? totals.lignes_ht[index] : undefined;
              return (
                <tr key={line.id} data-testid="line-row">
                  <td className="muted">{n}</td>
                  {readOnly ? (
                    <>
                      <td>
                        {line.designation}
                        {exemptions && line.taux_tva_bp === 0 && line.exoneration !== undefined ? (
                          <div className="muted doc-exemption-text" data-testid="line-exoneration-lue">
                            {line.exoneration}
                          </div>
                        ) : null}
                      </td>
                      <td className="num">{line.quantite}</td>
                      <td>{line.unite}</td>
                      <td className="num">{line.prix}</td>
                      <td className="num">{line.remise}</td>
                      <td className="doc-rate-text">{formatRate(line.taux_tva_bp)}</td>
                    </>
                  ) : (
                    <>
                      <td className={cellClass(index, 'designation')}>
                        <input
                          data-testid="line-designation"
                          aria-label={`${t('invoicingDocuments.editor.designation')} ${n}`}
                          value={line.designation}
                          onChange={(event) => update(index, { designation: event.target.value })}
                        />
                        {line.acompte_facture_id ? <span className="tag">{t('invoicingDocuments.editor.deduction')}</span> : null}
                        {/* Under the designation, where its reason reads in full: the rate's column stays narrow. */}
                        {exemptions && line.taux_tva_bp === 0 ? <LineExemption line={line} n={n} onChange={(patch) => update(index, patch)} /> : null}
                      </td>
                      <td className={cellClass(index, 'quantite')}>
                        <input
                          className="num doc-quantity"
                          inputMode="decimal"
                          data-testid="line-quantite"
                          aria-label={`${t('invoicingDocuments.editor.quantite')} ${n}`}
                          value={line.quantite}
                          onChange={(event) => update(index, { quantite: event.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          className="doc-unit"
                          data-testid="line-unite"
                          aria-label={`${t('invoicingDocuments.editor.unite')} ${n}`}
                          value={line.unite}
                          onChange={(event) => update(index, { unite: event.target.value })}
                        />
                      </td>
                      <td className={cellClass(index, 'prix')}>
                        <input
                          className="num doc-price"
                          inputMode="decimal"
                          data-testid="line-prix"
                          aria-label={`${t('invoicingDocuments.editor.prix')} ${n}`}
                          value={line.prix}
                          onChange={(event) => update(index, { prix: event.target.value })}
                        />
                      </td>
                      <td className={cellClass(index, 'remise')}>
                        <input
                          className="num doc-discount"
                          inputMode="decimal"
                          data-testid="line-remise"
                          aria-label={`${t('invoicingDocuments.editor.remise')} ${n}`}
                          value={line.remise}
                          onChange={(event) => update(index, { remise: event.target.value })}
                        />
                      </td>
                      <td>
                        <select
                          className="doc-rate"
                          data-testid="line-tva"
                          aria-label={`${t('invoicingDocuments.editor.tva')} ${n}`}
                          value={line.taux_tva_bp}
                          onChange={(event) => update(index, { taux_tva_bp: Number(event.target.value) })}
                        >
                          {rateOptions(line.taux_tva_bp).map((rate) => (
                            <option key={rate} value={rate}>
                              {formatRate(rate)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </>
                  )}
                  <td className="num doc-amount" data-testid="line-amount">
                    {amount === undefined ? '' : formatEuros(amount, i18n.language)}
                  </td>
                  {readOnly ? null : (
                    <td className="col-actions">
                      <button
                        type="button"
                        className="button small"
                        aria-label={t('invoicingDocuments.editor.moveUp', { n })}
                        disabled={index === 0}
                        onClick={() => onChange(moveLine(lines, index, -1))}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="button small"
                        aria-label={t('invoicingDocuments.editor.moveDown', { n })}
                        disabled={index === lines.length - 1}
                        onClick={() => onChange(moveLine(lines, index, 1))}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="button small danger"
                        data-testid="line-delete"
                        aria-label={t('invoicingDocuments.editor.removeLine', { n })}
                        onClick={() => onChange(lines.filter((_, at) => at !== index))}
                      >
                        ×
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
        {lines.length === 0 ? <p className="empty">{t('invoicingDocuments.editor.noLines')}</p> : null}
      </div>
      {readOnly ? null : (
        <div className="doc-lines-tools">
          <ArticleSearch articles={articles} onPick={(line) => onChange([...lines, line])} />
          <button type="button" className="button" data-testid="line-add" onClick={() => onChange([...lines, emptyLine(newId())])}>
            {t('invoicingDocuments.editor.addFreeLine')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Per VAT rate the base and the tax, then HT, TVA and TTC: the domain's `documentTotals`. */
export function TotalsBox({ totals, regime }: { totals: DocumentTotals; regime: Regime }) {
  const { t, i18n } = useTranslation();
  const euros = (cents: number): string => formatEuros(cents, i18n.language);
  return (
    <div className="doc-totals" data-testid="doc-totals">
      <table>
        <tbody>
          {totals.tva.map((entry) => (
            <tr key={entry.taux_tva_bp} className="muted">
              <th scope="row">{t('invoicingDocuments.editor.base', { rate: formatRate(entry.taux_tva_bp) })}</th>
              <td className="num">{euros(entry.base_ht)}</td>
              <th scope="row">{t('invoicingDocuments.editor.vat', { rate: formatRate(entry.taux_tva_bp) })}</th>
              <td className="num">{euros(entry.montant_tva)}</td>
            </tr>
          ))}
          {regime !== 'normale' ? (
            <tr className="muted">
              <td colSpan={4}>{t('invoicingDocuments.editor.noVat', { regime: t(`invoicingDocuments.editor.regimes.${regime}`) })}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row" colSpan={3}>
              {t('invoicingDocuments.editor.totalHt')}
            </th>
            <td className="num" data-testid="total-ht">
              {euros(totals.total_ht)}
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>
              {t('invoicingDocuments.editor.totalTva')}
            </th>
            <td className="num" data-testid="total-tva">
              {euros(totals.total_tva)}
            </td>
          </tr>
          <tr className="doc-total-ttc">
            <th scope="row" colSpan={3}>
              {t('invoicingDocuments.editor.totalTtc')}
            </th>
            <td className="num" data-testid="total-ttc">
              {euros(totals.total_ttc)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

interface RegimeSelectProps {
  value: Regime;
  onChange: (regime: Regime) => void;
  disabled?: boolean;
}

export function RegimeSelect({ value, onChange, disabled = false }: RegimeSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field span-2">
      <label htmlFor={id}>{t('invoicingDocuments.editor.regime')}</label>
      <select id={id} data-testid="doc-regime" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Regime)}>
        {(['normale', 'franchise', 'autoliquidation'] as const).map((regime) => (
          <option key={regime} value={regime}>
            {t(`invoicingDocuments.editor.regimes.${regime}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

interface TextInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  span?: 1 | 2 | 3 | 4;
  type?: 'text' | 'date';
  testId?: string;
  disabled?: boolean;
  multiline?: boolean;
  error?: string | undefined;
}

/** A labelled input on the editor's 4-column grid. */
export function TextInput({ label, value, onChange, span = 1, type = 'text', testId, disabled = false, multiline = false, error }: TextInputProps) {
  const id = useId();
  return (
    <div className={`field span-${span}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} data-testid={testId} value={value} disabled={disabled} rows={2} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input id={id} type={type} data-testid={testId} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} />
      )}
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  );
}

/** The message of the first problem at `field`, if any. */
export function useFieldError(problems: readonly Problem[]): (field: string) => string | undefined {
  const { t } = useTranslation();
  return (field) => {
    const problem = problems.find((candidate) => candidate.field === field);
    return problem ? t(problem.key, problem.params ?? {}) : undefined;
  };
}
