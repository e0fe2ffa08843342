/** Who runs a mission on the board: a chauffeur, a subcontractor, or nobody (the side list). */
export type Assignee = { kind: 'chauffeur'; id: string } | { kind: 'sst'; id: string } | { kind: 'none' };

/**
 * What a drop zone is: a row's name cell (keeps the mission's time), a row's timeline (the time
 * comes from where the block lands), a day cell of the week view (keeps the time, changes the day),
 * or the side list of unassigned missions.
 */
export type DropZone =
  | { type: 'row'; assignee: Assignee }
  | { type: 'lane'; assignee: Assignee; date: string }
  | { type: 'cell'; assignee: Assignee; date: string }
  | { type: 'unassigned' };

export function assigneeKey(assignee: Assignee): string {
  return assignee.kind === 'none' ? 'none' : `${assignee.kind}:${assignee.id}`;
}

export function parseAssigneeKey(key: string): Assignee {
  const [kind, ...rest] = key.split(':');
  const id = rest.join(':');
  if ((kind === 'chauffeur' || kind === 'sst') && id !== '') {
    return { kind, id };
  }
  return { kind: 'none' };
}

export function assigneeOf(mission: { chauffeur_id?: string | undefined; sst_id?: string | undefined }): Assignee {
  if (mission.chauffeur_id !== undefined) {
    return { kind: 'chauffeur', id: mission.chauffeur_id };
  }
  if (mission.sst_id !== undefined) {
    return { kind: 'sst', id: mission.sst_id };
  }
  return { kind: 'none' };
}

export interface MissionPatch {
  chauffeur_id: string | undefined;
  sst_id: string | undefined;
  date_mission: string;
  heure_debut: string;
  heure_fin?: string | undefined;
}

export interface DropInput {
  zone: DropZone;
  mission: { date_mission: string; heure_debut: string; heure_fin?: string | undefined };
  /** The start time (minutes) from where the block landed on a lane, already snapped. */
  landedAt?: number | undefined;
  /** `shiftedTimes` of the mission for a start time in minutes. */
  shift: (start: number) => { heure_debut: string; heure_fin?: string | undefined };
}

/** The mission's new chauffeur/subcontractor, day and times after a drop. */
export function patchForDrop({ zone, mission, landedAt, shift }: DropInput): MissionPatch {
  const assignee: Assignee = zone.type === 'unassigned' ? { kind: 'none' } : zone.assignee;
  const base: MissionPatch = {
    chauffeur_id: assignee.kind === 'chauffeur' ? assignee.id : undefined,
    sst_id: assignee.kind === 'sst' ? assignee.id : undefined,
    date_mission: zone.type === 'lane' || zone.type === 'cell' ? zone.date : mission.date_mission,
    heure_debut: mission.heure_debut,
    ...(mission.heure_fin === undefined ? {} : { heure_fin: mission.heure_fin }),
  };
  if (zone.type === 'lane' && landedAt !== undefined) {
    return { ...base, ...shift(landedAt) };
  }
  return base;
}

/** dnd-kit droppable ids are strings: a zone is encoded as JSON. */
export function zoneId(zone: DropZone): string {
  return JSON.stringify(zone);
}

export function parseZoneId(id: string | number): DropZone | undefined {
  if (typeof id !== 'string') {
    return undefined;
  }
  try {
    const value = JSON.parse(id) as DropZone;
    return typeof value === 'object' && value !== null && 'type' in value ? value : undefined;
  } catch {
    return undefined;
  }
}
