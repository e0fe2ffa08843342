import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';

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

  it('use the same interpolation placeholders in both languages', () => {
    for (const key of keysOf(fr)) {
      expect(placeholders(valueAt(en, key) as string), key).toEqual(placeholders(valueAt(fr, key) as string));
    }
  });
});
