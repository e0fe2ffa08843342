import { describe, expect, it } from 'vitest';
import { detailLines, formatValue, formatWhen, shortId, type ValueWords } from './activity-format';

const words: ValueWords = { empty: '(vide)', yes: 'oui', no: 'non' };

describe('detailLines', () => {
  it('renders the compact diff of an update as “field : before → after”', () => {
    expect(detailLines('missions', { destination: ['Metz', 'Thionville'], nb_palettes: [12, 14] }, words)).toEqual([
      'destination : Metz → Thionville',
      'nb_palettes : 12 → 14',
    ]);
  });

  it('shows emptied, filled and boolean fields in words', () => {
    expect(detailLines('chauffeurs', { commentaire: ['Ancien', null], email: [null, 'a@b.fr'], adr: [false, true] }, words)).toEqual([
      'commentaire : Ancien → (vide)',
      'email : (vide) → a@b.fr',
      'adr : non → oui',
    ]);
  });

  it('joins lists and writes objects as JSON', () => {
    expect(detailLines('voyages', { jours_operation: [['lundi'], ['lundi', 'mardi']], extra: [{ a: 1 }, null] }, words)).toEqual([
      'jours_operation : lundi → lundi, mardi',
      'extra : {"a":1} → (vide)',
    ]);
  });

  it('renders the facts of an identity event as “key : value”, a pair of values being no diff there', () => {
    expect(detailLines('auth', { changed: ['display_name', 'email'], reason: 'bad_password', attempts: 2 }, words)).toEqual([
      'changed : display_name, email',
      'reason : bad_password',
      'attempts : 2',
    ]);
  });

  it('has nothing to show for a creation or a deletion', () => {
    expect(detailLines('missions', null, words)).toEqual([]);
    expect(detailLines('missions', {}, words)).toEqual([]);
  });

  it('shows details that are no object as they are', () => {
    expect(detailLines('auth', 'texte libre', words)).toEqual(['texte libre']);
  });
});

describe('formatValue', () => {
  it('writes each kind of value', () => {
    expect(formatValue('', words)).toBe('(vide)');
    expect(formatValue(undefined, words)).toBe('(vide)');
    expect(formatValue([], words)).toBe('(vide)');
    expect(formatValue(0, words)).toBe('0');
    expect(formatValue('Metz', words)).toBe('Metz');
  });
});

describe('formatWhen', () => {
  it('writes a timestamp as local dd/mm/yyyy HH:mm', () => {
    expect(formatWhen(new Date(2031, 4, 7, 9, 5, 42).toISOString())).toBe('07/05/2031 09:05');
    expect(formatWhen(new Date(2031, 11, 31, 23, 59).toISOString())).toBe('31/12/2031 23:59');
  });

  it('leaves an unreadable timestamp as it is', () => {
    expect(formatWhen('hier')).toBe('hier');
  });
});

describe('shortId', () => {
  it('keeps the first 8 digits of a UUID and any other id whole', () => {
    expect(shortId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('0f8fad5b');
    expect(shortId('MARIE.CURIE')).toBe('MARIE.CURIE');
  });
});

describe('detailLines for a person', () => {
  const render = {
    label: (field: string) => ({ chauffeur_id: 'Chauffeur', statut: 'Statut', force_motif: 'Motif' })[field] ?? field,
    value: (field: string, value: unknown) =>
      field === 'chauffeur_id' ? (value === 'a' ? 'Jean Dupont' : 'Luc Martin') : field === 'statut' ? (value === 'validee' ? 'validée' : 'brouillon') : String(value),
  };

  it('writes field labels and readable values, names instead of ids', () => {
    expect(detailLines('missions', { chauffeur_id: ['a', 'b'] }, words, render)).toEqual(['Chauffeur : Jean Dupont → Luc Martin']);
    expect(detailLines('factures', { statut: ['brouillon', 'validee'] }, words, render)).toEqual(['Statut : brouillon → validée']);
  });

  it('writes a refusal as the server’s reason, and a forced conflict as its reason and conflicts', () => {
    expect(detailLines('missions', { code: 'PLANNING_CONFLICT', message: 'Jean Dupont est absent (congés)' }, words, render)).toEqual([
      'Jean Dupont est absent (congés)',
    ]);
    expect(detailLines('missions', { motif: 'urgence', conflits: [{ code: 'X', message: 'déjà réservé' }] }, words, render)).toEqual([
      'Motif : urgence',
      'déjà réservé',
    ]);
  });
});
