import type { Chauffeur, Sst } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { boardRows, missionsByRowAndDay } from './board-rows';

const chauffeur = (id: string, prenom: string, is_active = true) => ({ id, prenom, nom: 'X', is_active }) as Chauffeur;
const sst = (id: string, nom: string, is_active = true) => ({ id, nom, is_active }) as Sst;

describe('board rows', () => {
  it('lists active chauffeurs, then active subcontractors, and inactive ones only while they have missions', () => {
    const rows = boardRows([chauffeur('c1', 'Ana'), chauffeur('c2', 'Bob', false), chauffeur('c3', 'Cy', false)], [sst('s1', 'Transports Sud'), sst('s2', 'Old', false)], [
      { chauffeur_id: 'c3' },
    ]);
    expect(rows.map((row) => [row.group, row.name])).toEqual([
      ['chauffeurs', 'Ana X'],
      ['chauffeurs', 'Cy X'],
      ['sst', 'Transports Sud'],
    ]);
  });

  it('sorts the rows by name with numbers in number order, case and accents aside', () => {
    const named = (id: string, nom: string, prenom = 'A') => ({ id, prenom, nom, is_active: true }) as Chauffeur;
    const rows = boardRows(
      [named('c10', 'Nom10'), named('c2', 'Nom2'), named('c1', 'Nom1'), named('e', 'émile'), named('d', 'Dupont', 'Zoé'), named('d2', 'dupont', 'Anne')],
      [sst('s10', 'Transports 10'), sst('s9', 'Transports 9')],
      [],
    );
    expect(rows.map((row) => row.name)).toEqual(['Anne dupont', 'Zoé Dupont', 'A émile', 'A Nom1', 'A Nom2', 'A Nom10', 'Transports 9', 'Transports 10']);
  });

  it('keeps only the filtered chauffeur', () => {
    expect(boardRows([chauffeur('c1', 'Ana'), chauffeur('c2', 'Bob')], [sst('s1', 'S')], [], 'c2').map((row) => row.name)).toEqual(['Bob X']);
  });

  it('groups missions by row and day', () => {
    const grouped = missionsByRowAndDay([
      { chauffeur_id: 'c1', date_mission: '2030-01-07' },
      { sst_id: 's1', date_mission: '2030-01-07' },
      { date_mission: '2030-01-07' },
      { chauffeur_id: 'c1', date_mission: '2030-01-07' },
    ]);
    expect(grouped.get('chauffeur:c1|2030-01-07')).toHaveLength(2);
    expect(grouped.get('sst:s1|2030-01-07')).toHaveLength(1);
    expect(grouped.get('none|2030-01-07')).toHaveLength(1);
  });
});
