import { describe, expect, it } from 'vitest';
import { adminCatalogue } from '../admin/catalogue';
import { invoicingCatalogue } from '../invoicing/catalogue';
import { en as enCore } from './en';
import { fr as frCore } from './fr';

// What the app holds once every module is loaded: the core catalogue with the modules' merged in.
function merged(core: object, ...modules: Record<string, object>[]): Record<string, unknown> {
  const all: Record<string, unknown> = { ...core };
  for (const module of modules) {
    for (const [key, texts] of Object.entries(module)) {
      all[key] = { ...(all[key] as object | undefined), ...texts };
    }
  }
  return all;
}

const fr = merged(frCore, adminCatalogue.fr, invoicingCatalogue.fr);
const en = merged(enCore, adminCatalogue.en, invoicingCatalogue.en);

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();
}

function valueAt(resources: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], resources);
}

describe('i18n resources', () => {
  it('have the same keys in French and English', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort());
  });

  it('have only non-empty strings', () => {
    for (const resources of [fr, en]) {
      for (const key of keysOf(resources)) {
        const value = valueAt(resources, key);
        expect(typeof value, key).toBe('string');
        expect((value as string).trim(), key).not.toBe('');
      }
    }
  });

  it('leave the modules’ texts out of the first screen’s catalogue, all but the screen names', () => {
    expect(Object.keys(frCore)).not.toContain('wms');
    expect(Object.keys(frCore)).not.toContain('invoicingDocuments');
    expect(Object.keys(frCore.admin)).toEqual(['screens']);
    expect(Object.keys(frCore.invoicing)).toEqual(['screens']);
  });

  it('add no module text over a core one (the core would win)', () => {
    const core = new Set(keysOf(frCore));
    for (const catalogue of [adminCatalogue.fr, invoicingCatalogue.fr]) {
      expect(keysOf(catalogue).filter((key) => core.has(key))).toEqual([]);
    }
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const key of keysOf(fr)) {
      expect(placeholders(valueAt(en, key) as string), key).toEqual(placeholders(valueAt(fr, key) as string));
    }
  });

  // « 10 000,00 » with a plain space wraps as « 10 » / « 000,00 » in a narrow hint: digits are grouped
  // with the narrow no-break space, as the amounts Intl formats.
  it('never split a number with a breaking space', () => {
    for (const resources of [fr, en]) {
      for (const key of keysOf(resources)) {
        expect(valueAt(resources, key) as string, key).not.toMatch(/\d \d{3}\b/);
      }
    }
  });
});
