import type { Article } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { articleForm, filterArticles } from './article-form';

const article: Article = {
  id: '11111111-1111-4111-8111-111111111111',
  rev: 1,
  updated_at: '2026-01-01T00:00:00.000Z',
  reference: 'TR-PAL',
  libelle: 'Transport palette',
  unite: 'palette',
  prix_unitaire_ht: 4550,
  taux_tva_bp: 2000,
  is_active: true,
};

describe('article form', () => {
  it('types the price in euros and the VAT among the French rates', () => {
    const values = articleForm.toForm(article);
    expect(values.prix_unitaire_ht).toBe('45,50');
    expect(values.taux_tva_bp).toBe('2000');
    expect(articleForm.patch(article, { ...values, prix_unitaire_ht: '1 200,5', taux_tva_bp: '550' })).toEqual({ prix_unitaire_ht: 120_050, taux_tva_bp: 550 });
    expect(articleForm.validate({ ...values, prix_unitaire_ht: '' }, article)['prix_unitaire_ht']).toBeDefined();
    expect(articleForm.validate({ ...values, prix_unitaire_ht: '12,345' }, article)['prix_unitaire_ht']).toBeDefined();
    expect(articleForm.empty()).toMatchObject({ unite: 'u', taux_tva_bp: '2000', is_active: true });
  });

  it('searches references and labels', () => {
    const other = { ...article, id: '2', reference: 'AB-1', libelle: 'Manutention' };
    expect(filterArticles([article, other], 'palette').map((item) => item.id)).toEqual([article.id]);
    expect(filterArticles([article, other], '').map((item) => item.reference)).toEqual(['AB-1', 'TR-PAL']);
  });
});
