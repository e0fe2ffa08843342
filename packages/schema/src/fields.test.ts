import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { changePasswordRequestSchema, createUserRequestSchema, loginRequestSchema, updateUserRequestSchema } from './auth';
import { forbiddenTextMessage, isStorableText, requiredText, text } from './fields';
import { collections } from './index';

const refused = ['S\ud800X', '\udc00', 'fin\ud83d', 'a\u0000b', 'bip\u0007', 'v\u000btab', 'del\u007f', 'nel\u0085', '\u009f'];
const accepted = ['Lyon', 'Saint-Égrève (38)', 'ligne 1\nligne 2', 'a\r\nb', 'col\tcol', '🚚📦', 'e\u0301', '\u202eRTL', "'; DROP TABLE missions; --", ''];

describe('the one rule for text', () => {
  it.each(refused)('refuses %j: not well-formed UTF-16, or a control character', (value) => {
    expect(isStorableText(value)).toBe(false);
    const parsed = text(100).safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain(forbiddenTextMessage);
  });

  it.each(accepted)('accepts %j: line breaks, tabs, emoji, combining marks are text', (value) => {
    expect(isStorableText(value)).toBe(true);
    expect(text(100).safeParse(value).success).toBe(true);
  });

  it('keeps the other checks of required texts', () => {
    expect(requiredText(10).safeParse(' ').success).toBe(false);
    expect(requiredText(3).safeParse('abcd').success).toBe(false);
    expect(requiredText(10).safeParse('Zoé\nB').success).toBe(true);
  });
});

/** Every string a zod schema holds, however nested (objects, lists, optional), with its path. */
function stringFields(schema: z.ZodType, path: string[] = []): { path: string; schema: z.ZodType }[] {
  const def = schema.def as { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> };
  switch (def.type) {
    case 'string':
      return [{ path: path.join('.'), schema }];
    case 'optional':
    case 'nullable':
    case 'default':
      return def.innerType ? stringFields(def.innerType, path) : [];
    case 'array':
      return def.element ? stringFields(def.element, [...path, '[]']) : [];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, inner]) => stringFields(inner, [...path, key]));
    default:
      return [];
  }
}

/** A value the field takes when its characters are ordinary, and the same with a lone surrogate and a NUL. */
function probes(schema: z.ZodType): string[] | undefined {
  const ordinary = ['Lyon', 'a@b.fr', 'AB12', '2026-01-05', '06:00', '2026-01-05T06:00:00.000Z'].find((value) => schema.safeParse(value).success);
  return ordinary === undefined ? undefined : [`${ordinary}\ud800`, `${ordinary}\u0000`];
}

describe('every text field of every collection and of the sign-in and user bodies', () => {
  const schemas: [string, z.ZodType][] = [
    ...Object.entries(collections).map(([name, collection]): [string, z.ZodType] => [name, collection.schema]),
    ['login', loginRequestSchema],
    ['change-password', changePasswordRequestSchema],
    ['create-user', createUserRequestSchema.pick({ username: true, display_name: true })],
    ['update-user', updateUserRequestSchema.pick({ display_name: true })],
  ];
  const fields = schemas.flatMap(([name, schema]) => stringFields(schema).map((field) => ({ ...field, path: `${name}.${field.path}` })));

  it('finds the text fields (the walk reaches nested lists and objects)', () => {
    const paths = fields.map((field) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['missions.commentaire', 'sst.contacts.[].nom_contact', 'devis.lignes.[].designation', 'login.username']));
    expect(fields.length).toBeGreaterThan(80);
  });

  it('refuses a lone surrogate and a NUL in each one', () => {
    const accepting = fields.flatMap((field) => {
      const values = probes(field.schema) ?? [];
      return values.filter((value) => field.schema.safeParse(value).success).map((value) => `${field.path} accepte ${JSON.stringify(value)}`);
    });
    expect(accepting).toEqual([]);
  });
});
