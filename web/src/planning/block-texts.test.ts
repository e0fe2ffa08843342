import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { createBlockTexts } from './block-texts';

async function translator(language: 'fr' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { fr: { translation: fr }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('block texts', () => {
  it('say what t says, in each language', async () => {
    for (const language of ['fr', 'en'] as const) {
      const t = await translator(language);
      const texts = createBlockTexts(t, language);
      expect(texts.label('08:00–12:00', 'Lyon $& Part-Dieu')).toBe(t('planning.blockLabel', { time: '08:00–12:00', destination: 'Lyon $& Part-Dieu' }));
      for (const count of [1, 2, 12, 1]) {
        expect(texts.pallets(count)).toBe(t('board.palletsShort', { count }));
      }
      expect(texts.reassign).toBe(t('planning.reassign'));
    }
  });

});
