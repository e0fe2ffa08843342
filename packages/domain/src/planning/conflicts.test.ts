import { describe, expect, it } from 'vitest';
import { checkMissionPlanning, checkPlanning, hardConflicts, timeMission } from './conflicts';
import { absence, chauffeur, codes, mission, planning, voyage } from './test-fixtures';

describe('CHAUFFEUR_DOUBLE_RESERVE', () => {
  it('reports overlapping missions of one chauffeur on both of them, naming the other', () => {
    const first = mission({ id: 'a', heure_debut: '08:00', heure_fin: '10:00' });
    const second = mission({ id: 'b', heure_debut: '09:30', heure_fin: '11:00' });
    const result = checkPlanning(planning({ missions: [first, second] }));
    expect(result.get('a')).toEqual([expect.objectContaining({ code: 'CHAUFFEUR_DOUBLE_RESERVE', severity: 'hard', related: ['b'] })]);
    expect(result.get('b')).toEqual([expect.objectContaining({ code: 'CHAUFFEUR_DOUBLE_RESERVE', severity: 'hard', related: ['a'] })]);
  });

  it('does not report a mission starting exactly when the other ends', () => {
    const first = mission({ id: 'a', heure_debut: '08:00', heure_fin: '10:00' });
    const second = mission({ id: 'b', heure_debut: '10:00', heure_fin: '11:00' });
    expect(checkPlanning(planning({ missions: [first, second] })).size).toBe(0);
  });

  it('ignores cancelled missions', () => {
    const first = mission({ id: 'a', heure_debut: '08:00', heure_fin: '10:00', statut: 'annule' });
    const second = mission({ id: 'b', heure_debut: '09:00', heure_fin: '11:00' });
    expect(checkPlanning(planning({ missions: [first, second] })).size).toBe(0);
    expect(checkMissionPlanning(planning({ missions: [first] }), second)).toEqual([]);
    expect(checkMissionPlanning(planning({ missions: [second] }), first)).toEqual([]);
  });

  it('does not mix up two chauffeurs at the same hour', () => {
    const first = mission({ id: 'a' });
    const second = mission({ id: 'b', chauffeur_id: 'c2' });
    const data = planning({ missions: [first, second], chauffeurs: [chauffeur(), chauffeur({ id: 'c2', nom: 'Durand' })] });
    expect(checkPlanning(data).size).toBe(0);
  });

  it('sees a night run up to 28:00 overlap the next day’s early mission', () => {
    const night = mission({ id: 'night', date_mission: '2026-03-01', heure_debut: '22:00', heure_fin: '28:00' });
    const early = mission({ id: 'early', date_mission: '2026-03-02', heure_debut: '03:30', heure_fin: '06:00' });
    expect(codes(checkMissionPlanning(planning({ missions: [night] }), early))).toEqual(['CHAUFFEUR_DOUBLE_RESERVE']);
    const after = { ...early, heure_debut: '04:00' };
    expect(checkMissionPlanning(planning({ missions: [night] }), after)).toEqual([]);
  });

  it('places a mission without an end time on one hour, or on its driving time plus the break', () => {
    const noEnd = { ...mission({ id: 'a' }), heure_fin: undefined };
    expect(timeMission(noEnd, undefined).end - timeMission(noEnd, undefined).start).toBe(60);
    expect(timeMission({ ...noEnd, duree_conduite_min: 300 }, undefined).end - timeMission(noEnd, undefined).start).toBe(345);
    const overlapping = mission({ id: 'b', heure_debut: '08:59', heure_fin: '09:30' });
    expect(codes(checkMissionPlanning(planning({ missions: [noEnd] }), overlapping))).toEqual(['CHAUFFEUR_DOUBLE_RESERVE']);
    expect(checkMissionPlanning(planning({ missions: [noEnd] }), { ...overlapping, heure_debut: '09:00' })).toEqual([]);
  });
});

describe('CHAUFFEUR_ABSENT', () => {
  const away = absence({ date_debut: '2026-03-03', date_fin: '2026-03-05', type_absence: 'maladie' });

  it('blocks a mission on the first and the last day of an absence, both included', () => {
    for (const date of ['2026-03-03', '2026-03-04', '2026-03-05']) {
      const found = checkMissionPlanning(planning({ absences: [away] }), mission({ date_mission: date }));
      expect(found).toEqual([expect.objectContaining({ code: 'CHAUFFEUR_ABSENT', severity: 'hard', params: expect.objectContaining({ type: 'maladie' }) as unknown })]);
    }
  });

  it('lets the chauffeur work the day before and the day after, and ignores other chauffeurs’ absences', () => {
    expect(checkMissionPlanning(planning({ absences: [away] }), mission({ date_mission: '2026-03-02' }))).toEqual([]);
    expect(checkMissionPlanning(planning({ absences: [away] }), mission({ date_mission: '2026-03-06' }))).toEqual([]);
    const otherAway = { ...away, chauffeur_id: 'c2' };
    expect(checkMissionPlanning(planning({ absences: [otherAway] }), mission({ date_mission: '2026-03-04' }))).toEqual([]);
    expect(checkPlanning(planning({ absences: [otherAway], missions: [mission({ date_mission: '2026-03-04' })] })).size).toBe(0);
  });
});

describe('CHAUFFEUR_INACTIF', () => {
  it('blocks a mission for a chauffeur who left, not for an active one', () => {
    expect(codes(checkMissionPlanning(planning({ chauffeurs: [chauffeur({ is_active: false })] }), mission()))).toEqual(['CHAUFFEUR_INACTIF']);
    expect(checkMissionPlanning(planning({ chauffeurs: [chauffeur({ is_active: true })] }), mission())).toEqual([]);
  });
});

describe('COMPETENCE_MANQUANTE', () => {
  const onLine = mission({ voyage_id: 'v1' });

  it('blocks a chauffeur without a skill the line requires, naming it', () => {
    const data = planning({ voyages: [voyage({ competences_requises: ['Hayon', 'Frigo'] })], chauffeurs: [chauffeur({ competences: ['hayon'] })] });
    expect(checkMissionPlanning(data, onLine)).toEqual([
      expect.objectContaining({ code: 'COMPETENCE_MANQUANTE', severity: 'hard', params: expect.objectContaining({ competence: 'Frigo' }) as unknown }),
    ]);
  });

  it('accepts held skills whatever their case or surrounding spaces', () => {
    const data = planning({ voyages: [voyage({ competences_requises: ['Hayon', 'frigo '] })], chauffeurs: [chauffeur({ competences: [' HAYON', 'Frigo'] })] });
    expect(checkMissionPlanning(data, onLine)).toEqual([]);
  });

  it('reads ADR from the `adr` flag', () => {
    const line = voyage({ competences_requises: ['ADR'] });
    expect(codes(checkMissionPlanning(planning({ voyages: [line], chauffeurs: [chauffeur({ adr: false })] }), onLine))).toEqual(['COMPETENCE_MANQUANTE']);
    expect(checkMissionPlanning(planning({ voyages: [line], chauffeurs: [chauffeur({ adr: true })] }), onLine)).toEqual([]);
  });

  it('reads FIMO (or FCO) from the `fimo` flag', () => {
    for (const skill of ['FIMO', 'fco']) {
      const line = voyage({ competences_requises: [skill] });
      expect(codes(checkMissionPlanning(planning({ voyages: [line], chauffeurs: [chauffeur({ fimo: false })] }), onLine))).toEqual(['COMPETENCE_MANQUANTE']);
      expect(checkMissionPlanning(planning({ voyages: [line], chauffeurs: [chauffeur({ fimo: true })] }), onLine)).toEqual([]);
    }
  });

  it('requires nothing of a mission without a voyage', () => {
    expect(checkMissionPlanning(planning({ voyages: [voyage({ competences_requises: ['ADR'] })] }), mission())).toEqual([]);
  });
});

describe('PERMIS_INSUFFISANT', () => {
  const onLine = mission({ voyage_id: 'v1' });

  it('lets a CE holder drive a line requiring C', () => {
    expect(checkMissionPlanning(planning({ voyages: [voyage({ permis_requis: 'C' })], chauffeurs: [chauffeur({ permis: 'CE' })] }), onLine)).toEqual([]);
  });

  it('blocks a C holder on a line requiring CE', () => {
    const found = checkMissionPlanning(planning({ voyages: [voyage({ permis_requis: 'CE' })], chauffeurs: [chauffeur({ permis: 'C' })] }), onLine);
    expect(found).toEqual([expect.objectContaining({ code: 'PERMIS_INSUFFISANT', severity: 'hard', params: expect.objectContaining({ permis: 'CE' }) as unknown })]);
  });

  it('blocks a chauffeur with no licence recorded', () => {
    const found = checkMissionPlanning(planning({ voyages: [voyage({ permis_requis: 'C' })], chauffeurs: [chauffeur({ permis: undefined })] }), onLine);
    expect(codes(found)).toEqual(['PERMIS_INSUFFISANT']);
  });
});

describe('expired papers', () => {
  const onDay = mission({ date_mission: '2026-03-10' });
  const cases = [
    ['PERMIS_EXPIRE', 'permis_validite'],
    ['FIMO_EXPIREE', 'fimo_validite'],
    ['VISITE_MEDICALE_EXPIREE', 'visite_medicale_validite'],
  ] as const;

  for (const [code, field] of cases) {
    it(`${code}: valid through its last day, expired the day after`, () => {
      expect(checkMissionPlanning(planning({ chauffeurs: [chauffeur({ [field]: '2026-03-10' })] }), onDay)).toEqual([]);
      expect(checkMissionPlanning(planning({ chauffeurs: [chauffeur({ [field]: '2026-04-01' })] }), onDay)).toEqual([]);
      const found = checkMissionPlanning(planning({ chauffeurs: [chauffeur({ [field]: '2026-03-09' })] }), onDay);
      expect(found).toEqual([expect.objectContaining({ code, severity: 'hard', params: expect.objectContaining({ until: '2026-03-09' }) as unknown })]);
    });
  }

  it('ADR_EXPIRE only when the voyage requires ADR, from the day after its last valid day', () => {
    const adrLine = voyage({ competences_requises: ['ADR'] });
    const plainLine = voyage({ id: 'v2', competences_requises: ['Hayon'] });
    const expired = chauffeur({ adr: true, competences: ['Hayon'], adr_validite: '2026-03-09' });
    const lastDay = chauffeur({ adr: true, adr_validite: '2026-03-10' });
    const data = (driver: typeof expired) => planning({ voyages: [adrLine, plainLine], chauffeurs: [driver] });
    expect(codes(checkMissionPlanning(data(expired), { ...onDay, voyage_id: 'v1' }))).toEqual(['ADR_EXPIRE']);
    expect(checkMissionPlanning(data(lastDay), { ...onDay, voyage_id: 'v1' })).toEqual([]);
    expect(checkMissionPlanning(data(expired), { ...onDay, voyage_id: 'v2' })).toEqual([]);
    expect(checkMissionPlanning(data(expired), onDay)).toEqual([]);
  });

  it('ADR_EXPIRE reads the required skill as COMPETENCE_MANQUANTE does (case and spaces ignored)', () => {
    const data = planning({ voyages: [voyage({ competences_requises: [' adr '] })], chauffeurs: [chauffeur({ adr: true, adr_validite: '2026-03-09' })] });
    expect(codes(checkMissionPlanning(data, { ...onDay, voyage_id: 'v1' }))).toEqual(['ADR_EXPIRE']);
  });
});

describe('checkMissionPlanning', () => {
  it('returns only the conflicts of the mission checked', () => {
    const stored = [mission({ id: 'a', heure_debut: '08:00', heure_fin: '10:00' }), mission({ id: 'b', heure_debut: '08:30', heure_fin: '09:00' })];
    const dropped = mission({ id: 'new', heure_debut: '12:00', heure_fin: '13:00' });
    expect(checkMissionPlanning(planning({ missions: stored }), dropped)).toEqual([]);
    const overlapping = mission({ id: 'new', heure_debut: '09:30', heure_fin: '11:00' });
    const found = checkMissionPlanning(planning({ missions: stored }), overlapping);
    expect(found.map((entry) => [entry.missionId, entry.related])).toEqual([['new', ['a']]]);
  });

  it('replaces the stored version of the same mission instead of colliding with it', () => {
    const stored = mission({ id: 'a', heure_debut: '08:00', heure_fin: '10:00' });
    expect(checkMissionPlanning(planning({ missions: [stored] }), { ...stored, heure_debut: '09:00', heure_fin: '11:00' })).toEqual([]);
  });

  it('checks nothing for a mission without a chauffeur or a cancelled one', () => {
    const data = planning({ chauffeurs: [chauffeur({ is_active: false })] });
    expect(checkMissionPlanning(data, { ...mission(), chauffeur_id: undefined })).toEqual([]);
    expect(checkMissionPlanning(data, mission({ statut: 'annule' }))).toEqual([]);
    expect(codes(checkMissionPlanning(data, mission()))).toEqual(['CHAUFFEUR_INACTIF']);
  });
});

describe('checkPlanning on many chauffeurs', () => {
  it('reports each chauffeur’s own conflicts by mission id, and nothing for a clean plan', () => {
    const drivers = [chauffeur({ id: 'c1' }), chauffeur({ id: 'c2', nom: 'Durand', is_active: false }), chauffeur({ id: 'c3', nom: 'Petit' })];
    const missions = [
      mission({ id: 'c1-a', chauffeur_id: 'c1', heure_debut: '08:00', heure_fin: '10:00' }),
      mission({ id: 'c1-b', chauffeur_id: 'c1', heure_debut: '09:00', heure_fin: '11:00' }),
      mission({ id: 'c2-a', chauffeur_id: 'c2', heure_debut: '08:00', heure_fin: '10:00' }),
      mission({ id: 'c3-a', chauffeur_id: 'c3', heure_debut: '08:00', heure_fin: '10:00' }),
      mission({ id: 'c3-b', chauffeur_id: 'c3', date_mission: '2026-03-04', heure_debut: '08:00', heure_fin: '10:00' }),
      mission({ id: 'c3-c', chauffeur_id: 'c3', date_mission: '2026-03-04', heure_debut: '09:00', heure_fin: '10:00', statut: 'annule' }),
      { ...mission({ id: 'none' }), chauffeur_id: undefined },
    ];
    const result = checkPlanning(planning({ missions, chauffeurs: drivers, absences: [absence({ chauffeur_id: 'c3', date_debut: '2026-03-04', date_fin: '2026-03-04' })] }));
    expect([...result.keys()].sort()).toEqual(['c1-a', 'c1-b', 'c2-a', 'c3-b']);
    expect(codes(result.get('c1-a'))).toEqual(['CHAUFFEUR_DOUBLE_RESERVE']);
    expect(codes(result.get('c2-a'))).toEqual(['CHAUFFEUR_INACTIF']);
    expect(codes(result.get('c3-b'))).toEqual(['CHAUFFEUR_ABSENT']);
    expect(hardConflicts(result.get('c3-b') ?? [])).toHaveLength(1);
  });
});
