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

/** Names as people read them: « Nom2 » before « Nom10 », case and accents aside. Made once: a collator is costly to build. */
const nameOrder = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** Each list sorted once: the board asks again at every change of the shown period, the list itself rarely changes. */
const sortedLists = new WeakMap<readonly object[], readonly object[]>();

function sortedOnce<T extends object>(list: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  let sorted = sortedLists.get(list) as readonly T[] | undefined;
  if (sorted === undefined) {
    sorted = [...list].sort(compare);
    sortedLists.set(list, sorted);
  }
  return sorted;
}

const byChauffeurName = (a: Pick<Chauffeur, 'nom' | 'prenom'>, b: Pick<Chauffeur, 'nom' | 'prenom'>): number =>
  nameOrder.compare(a.nom, b.nom) || nameOrder.compare(a.prenom, b.prenom);
const byCompanyName = (a: Pick<Sst, 'nom'>, b: Pick<Sst, 'nom'>): number => nameOrder.compare(a.nom, b.nom);

/**
 * The rows of the board: active chauffeurs, then active subcontractors, each by name with numbers
 * in number order (the store's text order put « Nom10 » before « Nom2 »); an inactive one still
 * gets its row while missions of the shown period are assigned to it.
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
  for (const chauffeur of sortedOnce(chauffeurs, byChauffeurName)) {
    const assignee: Assignee = { kind: 'chauffeur', id: chauffeur.id };
    if ((chauffeur.is_active || isBusy(assignee)) && (!onlyChauffeur || onlyChauffeur === chauffeur.id)) {
      rows.push({ assignee, name: chauffeurLabel(chauffeur), group: 'chauffeurs' });
    }
  }
  if (onlyChauffeur) {
    return rows;
  }
  for (const company of sortedOnce(sst, byCompanyName)) {
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
