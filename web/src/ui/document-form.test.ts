import { describe, expect, it } from 'vitest';
import type { IssueLike } from '../i18n/errors';
import {
  defineDocumentForm,
  flagField,
  optionalNumberField,
  optionalTextField,
  textField,
  type DocumentSchema,
} from './document-form';

interface Thing {
  id: string;
  rev: number;
  updated_at: string;
  name: string;
  kind: 'a' | 'b';
  note?: string;
  starts?: string;
  count?: number;
  done: boolean;
  /** Not managed by the form. */
  weight?: number;
}

/** Checks `name` (required) and `starts` (HH:MM), like a zod schema would report them. */
const thingSchema: DocumentSchema<Thing> = {
  safeParse: (data) => {
    const thing = data as Thing;
    const issues: IssueLike[] = [];
    if (thing.name.trim() === '') {
      issues.push({ code: 'too_small', path: ['name'], origin: 'string', minimum: 1 });
    }
    if (thing.starts !== undefined && !/^\d\d:\d\d$/.test(thing.starts)) {
      issues.push({ code: 'invalid_format', path: ['starts'], format: 'regex' });
    }
    if (typeof thing.count === 'number' && !Number.isInteger(thing.count)) {
      issues.push({ code: 'invalid_type', path: ['count'], expected: 'int' });
    }
    return issues.length === 0 ? { success: true, data: thing } : { success: false, error: { issues } };
  },
};

const thingForm = defineDocumentForm({
  schema: thingSchema,
  fields: {
    name: textField(),
    kind: textField<Thing['kind']>('a'),
    note: optionalTextField(),
    starts: optionalTextField(),
    count: optionalNumberField(),
    done: flagField(true),
  },
  formats: { starts: 'time' },
  refine: (data, errors) => {
    if (data.kind === 'b' && data.note === undefined) {
      errors['note'] ??= { key: 'validation.required' };
    }
  },
});

const thing: Thing = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  rev: 2,
  updated_at: '2025-01-15T08:00:00.000Z',
  name: 'Quai 4',
  kind: 'b',
  note: 'fragile',
  count: 3,
  done: false,
  weight: 120,
};

describe('defineDocumentForm', () => {
  it('lists the managed fields in order', () => {
    expect(thingForm.fields).toEqual(['name', 'kind', 'note', 'starts', 'count', 'done']);
  });

  it('starts a new document from each codec, then the overrides', () => {
    expect(thingForm.empty()).toEqual({ name: '', kind: 'a', note: '', starts: '', count: '', done: true });
    expect(thingForm.empty({ name: 'Quai 1' }).name).toBe('Quai 1');
  });

  it('turns a document into inputs and back, emptied optional fields as undefined', () => {
    const values = thingForm.toForm(thing);
    expect(values).toEqual({ name: 'Quai 4', kind: 'b', note: 'fragile', starts: '', count: '3', done: false });
    expect(thingForm.fromForm(values)).toEqual({ name: 'Quai 4', kind: 'b', note: 'fragile', starts: undefined, count: 3, done: false });
    expect(thingForm.fromForm({ ...values, count: ' ' }).count).toBeUndefined();
  });

  it('reports the first issue of each field, with its format, then the refinements', () => {
    expect(thingForm.validate(thingForm.empty())).toEqual({ name: { key: 'validation.required' } });
    const errors = thingForm.validate({ ...thingForm.toForm(thing), starts: '8h', count: '2.5', note: '' }, thing);
    expect(errors).toEqual({
      starts: { key: 'validation.time' },
      count: { key: 'validation.integer' },
      note: { key: 'validation.required' },
    });
  });

  it('patches only the edited fields, clears emptied ones and leaves unmanaged ones alone', () => {
    const values = { ...thingForm.toForm(thing), name: 'Quai 5', note: '' };
    expect(thingForm.patch(thing, values)).toEqual({ name: 'Quai 5', note: undefined });
    expect(thingForm.patch(thing, thingForm.toForm(thing))).toEqual({});
  });
});
