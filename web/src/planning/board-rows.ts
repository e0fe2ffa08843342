import type { Chauffeur, Mission, Sst } from '@relais/schema';
import { assigneeKey, assigneeOf, type Assignee } from './drop-target';

export interface BoardRow {
  assignee: Assignee;
  name: string;
  group: 'chauffeurs' | 'sst';
}

export function chauffeurLabel(chauffeur: Pick<Chauffeur, 'prenom' | 'nom'>): string {
  return `${chauffeur.prenom} ${chauffeur.nom}`;
}

/**
 * The rows of the board: active chauffeurs, then active subcontractors; an inactive one still gets
 * its row while missions of the shown period are assigned to it.
 */
export function boardRows(
  chauffeurs: readonly Readonly<Chauffeur>[],
  sst: readonly Readonly<Sst>[],
  shown: readonly Pick<Mission, 'chauffeur_id' | 'sst_id'>[],
  onlyChauffeur?: string,
): BoardRow[] {
  // Made only when an inactive one is met: the period's thousands of missions are not gone over otherwise.
  let busy: Set<string> | undefined;
  const isBusy = (assignee: Assignee): boolean => {
    busy ??= new Set(shown.map((mission) => assigneeKey(assigneeOf(mission))));
    return busy.has(assigneeKey(assignee));
  };
  const rows: BoardRow[] = [];
  for (const chauffeur of chauffeurs) {
    const assignee: Assignee = { kind: 'chauffeur', id: chauffeur.id };
    if ((chauffeur.is_active || isBusy(assignee)) && (!onlyChauffeur || onlyChauffeur === chauffeur.id)) {
      rows.push({ assignee, name: chauffeurLabel(chauffeur), group: 'chauffeurs' });
    }
  }
  if (onlyChauffeur) {
    return rows;
  }
  for (const company of sst) {
    const assignee: Assignee = { kind: 'sst', id: company.id };
    if (company.is_active || isBusy(assignee)) {
      rows.push({ assignee, name: company.nom, group: 'sst' });
    }
  }
  return rows;
}

/** The missions of each row (by `assigneeKey`) and day. */
export function missionsByRowAndDay<T extends Pick<Mission, 'chauffeur_id' | 'sst_id' | 'date_mission'>>(missions: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const mission of missions) {
    const key = `${assigneeKey(assigneeOf(mission))}|${mission.date_mission}`;
    const list = map.get(key);
    if (list) {
      list.push(mission);
    } else {
      map.set(key, [mission]);
    }
  }
  return map;
}
