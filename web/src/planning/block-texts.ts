import type { TFunction } from 'i18next';

/**
 * The texts every mission block repeats, resolved once per language: a week board holds thousands
 * of blocks, and i18next's `t` for each of them cost more than the rest of their render.
 */
export interface BlockTexts {
  t: TFunction;
  language: string;
  /** The block's accessible name: "Mission 08:00–12:00 Lyon". */
  label: (time: string, destination: string) => string;
  /** "12 pal.", in the language's plural. */
  pallets: (count: number) => string;
  reassign: string;
  /** What a block shown from the server's answer during a first sync says (its title and description). */
  preview: string;
}

// Marks a value's place in the translated template; no text contains it.
const mark = '\u0000';

export function createBlockTexts(t: TFunction, language: string): BlockTexts {
  const template = t('planning.blockLabel', { time: `${mark}time${mark}`, destination: `${mark}destination${mark}` });
  const pallets = new Map<number, string>();
  return {
    t,
    language,
    label: (time, destination) => template.replace(`${mark}time${mark}`, () => time).replace(`${mark}destination${mark}`, () => destination),
    pallets: (count) => {
      let text = pallets.get(count);
      if (text === undefined) {
        text = t('board.palletsShort', { count });
        pallets.set(count, text);
      }
      return text;
    },
    reassign: t('planning.reassign'),
    preview: t('board.preview'),
  };
}
