import { describe, expect, it } from 'vitest';
import { documentName, formatDayNumeric, formatDayShort, isDocumentId, missionName, readableDateValue, type NameWords } from './document-names';
import { readableValue, type ValueContext } from './readable-value';

const words: NameWords = { unknown: (collection) => `un élément de ${collection}`, draft: (day) => `Brouillon du ${formatDayNumeric(day, 'fr')}` };

describe('missionName', () => {
  it('names a mission by its route, French day and start time', () => {
    expect(missionName({ depart: 'Lyon', destination: 'Grenoble', date_mission: '2026-12-08', heure_debut: '06:00' }, 'fr')).toBe(
      'Lyon → Grenoble, mar. 8 déc. 06:00',
    );
    expect(missionName({ destination: 'Grenoble', date_mission: '2026-12-08', heure_debut: '06:00' }, 'fr')).toBe('Grenoble, mar. 8 déc. 06:00');
  });
});

describe('documentName', () => {
  it('uses what people call each document, never its id', () => {
    expect(documentName('chauffeurs', { id: 'x', prenom: 'Jean', nom: 'Dupont' }, 'fr', words)).toBe('Jean Dupont');
    expect(documentName('factures', { numero: 'F-2026-0042' }, 'fr', words)).toBe('F-2026-0042');
    expect(documentName('factures', { updated_at: '2026-12-06T09:30:00.000Z' }, 'fr', words)).toBe('Brouillon du 06/12/2026');
    expect(documentName('factures', { date_facture: '2026-11-28', updated_at: '2026-12-06T09:30:00.000Z' }, 'fr', words)).toBe('Brouillon du 28/11/2026');
    expect(documentName('devis', { id: 'abcdef12-0000-4000-8000-000000000000', date_devis: '2026-12-01' }, 'fr', words)).toBe('Brouillon du 01/12/2026');
    expect(documentName('voyages', { code: 'FRIGO', nom: 'Frigo Grenoble' }, 'fr', words)).toBe('FRIGO (Frigo Grenoble)');
    expect(documentName('disponibilites', { date_debut: '2026-12-07', date_fin: '2026-12-11' }, 'fr', words)).toBe('lun. 7 déc. → ven. 11 déc.');
    expect(documentName('missions', { id: '0a49503b-0000-4000-8000-000000000000' }, 'fr', words)).toBeUndefined();
  });
});

describe('dates', () => {
  it('writes days and timestamps in French', () => {
    expect(formatDayShort('2026-12-08', 'fr')).toBe('mar. 8 déc.');
    expect(readableDateValue('2026-12-08', 'fr')).toBe('08/12/2026');
    expect(readableDateValue(new Date(2026, 11, 8, 6, 5).toISOString(), 'fr')).toBe('08/12/2026 06:05');
    expect(readableDateValue('Grenoble', 'fr')).toBe('Grenoble');
  });
});

describe('readableValue', () => {
  const context: ValueContext = {
    language: 'fr',
    empty: '(vide)',
    yes: 'oui',
    no: 'non',
    enumWord: (field, value) => (({ statut: { validee: 'validée' }, type_absence: { conges: 'congés' } }) as Record<string, Record<string, string>>)[field]?.[value],
    nameOf: (field, id) => (field === 'chauffeur_id' && id.startsWith('16ad11e8') ? 'Jean Dupont' : undefined),
    unknownRef: () => 'un chauffeur',
  };

  it('names ids, words enums, formats dates and money, and never shows a hash', () => {
    expect(readableValue('chauffeur_id', '16ad11e8-0000-4000-8000-000000000000', context)).toBe('Jean Dupont');
    expect(readableValue('chauffeur_id', 'e3e07e13-0000-4000-8000-000000000000', context)).toBe('un chauffeur');
    expect(readableValue('statut', 'validee', context)).toBe('validée');
    expect(readableValue('type_absence', 'conges', context)).toBe('congés');
    expect(readableValue('date_mission', '2026-12-08', context)).toBe('08/12/2026');
    expect(readableValue('revenu', 12345, context)).toMatch(/^123,45\s€$/);
    expect(readableValue('nb_palettes', 12, context)).toBe('12');
    expect(readableValue('adr', true, context)).toBe('oui');
    expect(readableValue('commentaire', null, context)).toBe('(vide)');
    expect(isDocumentId('0a49503b-1234-4abc-8def-0123456789ab')).toBe(true);
  });
});
