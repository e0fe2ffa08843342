import type { Article } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../../auth/use-session';
import { Checkbox } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { InputField, SelectField, TextAreaField } from '../../ui/FormFields';
import { formatEuros } from '../../ui/format';
import { ActiveCell, ListPage, RowActions } from '../../ui/ListPage';
import { useDocumentForm, type DocumentFormProps } from '../../ui/use-document-form';
import { articleForm, filterArticles, tauxTvaBp } from './article-form';
import { percentInput } from './codecs';
import { useArticles } from './use-parties';

/** Creates or edits an article: price excl. VAT in euros, one of the French VAT rates. */
function ArticleForm({ doc, onClose }: DocumentFormProps<Article>) {
  const { t } = useTranslation();
  const form = useDocumentForm({
    definition: articleForm,
    collection: (db) => db.articles,
    doc,
    label: (field) => t(`invoicing.articles.fields.${field}`),
    saveFailedLog: 'enregistrement de l’article impossible',
    onSaved: onClose,
    explainInvalid: true,
    lockWhileSaving: true,
  });
  return (
    <FormDialog title={doc ? t('invoicing.articles.editTitle') : t('invoicing.articles.createTitle')} form={form} onCancel={onClose} saveTestId="article-save">
      <InputField form={form} field="reference" type="text" maxLength={40} autoFocus />
      <InputField form={form} field="libelle" span={3} type="text" maxLength={200} />
      <TextAreaField form={form} field="description" span={4} rows={2} maxLength={2000} />
      <InputField form={form} field="unite" type="text" maxLength={20} hint={t('invoicing.articles.uniteHint')} />
      <InputField form={form} field="prix_unitaire_ht" type="text" inputMode="decimal" className="num" />
      <SelectField form={form} field="taux_tva_bp" options={tauxTvaBp.map((bp) => ({ value: String(bp), label: `${percentInput(bp)} %` }))} />
      <div className="field checkbox-row">
        <Checkbox {...form.checkbox('is_active')} />
      </div>
    </FormDialog>
  );
}

/** The articles sold: reference, label, unit, price excl. VAT and VAT rate. */
export function ArticlesPage() {
  const { t, i18n } = useTranslation();
  const editable = useMayEdit('articles');
  const articles = useArticles();
  const [search, setSearch] = useState('');
  const shown = useMemo(() => (articles ? filterArticles(articles, search) : undefined), [articles, search]);
  return (
    <ListPage
      editable={editable}
      title={t('invoicing.articles.title')}
      toolbar={
        <div className="party-filters">
          <input
            type="search"
            aria-label={t('invoicing.articles.search')}
            placeholder={t('invoicing.articles.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <span className="toolbar-info muted">{shown ? t('invoicing.articles.count', { n: shown.length }) : null}</span>
        </div>
      }
      newLabel={t('invoicing.articles.new')}
      newTestId="article-new"
      columns={
        <>
          <th>{t('invoicing.articles.fields.reference')}</th>
          <th>{t('invoicing.articles.fields.libelle')}</th>
          <th>{t('invoicing.articles.fields.unite')}</th>
          <th className="num">{t('invoicing.articles.fields.prix_unitaire_ht')}</th>
          <th className="num">{t('invoicing.articles.fields.taux_tva_bp')}</th>
          <th>{t('invoicing.articles.fields.is_active')}</th>
        </>
      }
      items={shown}
      renderRow={(item, edit) => (
        <tr key={item.id} data-id={item.id} className={item.is_active ? undefined : 'inactive'}>
          <td className="mono">{item.reference}</td>
          <td>
            <strong>{item.libelle}</strong>
            {item.description ? <div className="muted">{item.description}</div> : null}
          </td>
          <td>{item.unite}</td>
          <td className="num">{formatEuros(item.prix_unitaire_ht, i18n.language)}</td>
          <td className="num">{percentInput(item.taux_tva_bp)} %</td>
          <ActiveCell active={item.is_active} />
          <RowActions
            editable={editable}
            doc={item}
            onEdit={edit}
            deleteQuestion={() => t('invoicing.articles.deleteConfirm', { name: item.reference })}
            deleteFailedLog="suppression de l’article impossible"
          />
        </tr>
      )}
      emptyText={t('invoicing.articles.empty')}
      renderDialog={(doc, close) => <ArticleForm doc={doc} onClose={close} />}
    />
  );
}
