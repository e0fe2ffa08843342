import { articleSchema, type Article } from '@relais/schema';
import { defineDocumentForm, flagField, optionalTextField, textField, type FieldCodec, type FormValues } from '../../ui/document-form';
import { eurosField } from './codecs';

/** The French VAT rates offered, in basis points: 20 %, 10 %, 5,5 %, 2,1 % and 0 %. */
export const tauxTvaBp = [2000, 1000, 550, 210, 0] as const;

/** A VAT rate picked in a select: its basis points as text. */
const tauxField: FieldCodec<string, number> = {
  empty: () => '2000',
  toInput: (bp) => String(bp),
  fromInput: (input) => (/^\d+$/.test(input) ? Number(input) : Number.NaN),
};

const fields = {
  reference: textField(),
  libelle: textField(),
  description: optionalTextField(),
  unite: textField('u'),
  prix_unitaire_ht: eurosField(),
  taux_tva_bp: tauxField,
  is_active: flagField(true),
};

/** An article: its price excl. VAT typed in euros (cents stored), its VAT rate among the French ones. */
export const articleForm = defineDocumentForm({ schema: articleSchema, fields });

export type ArticleFormValues = FormValues<typeof fields>;

/** The articles whose reference, label or description hold every word searched, by reference. */
export function filterArticles<A extends Article>(articles: readonly A[], search: string): A[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return articles
    .filter((article) => {
      const haystack = [article.reference, article.libelle, article.description ?? ''].join(' ').toLowerCase();
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => a.reference.localeCompare(b.reference, 'fr'));
}
