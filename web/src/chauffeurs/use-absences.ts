import { useMemo } from 'react';
import { useDatabase, useQueryResults } from '../sync/hooks';

/** A chauffeur's absences, live, by first day; `undefined` until the first results. */
export function useAbsences(chauffeurId: string) {
  const db = useDatabase();
  const query = useMemo(
    () => db.disponibilites.find({ selector: { chauffeur_id: chauffeurId }, sort: [{ date_debut: 'asc' }] }),
    [db, chauffeurId],
  );
  return useQueryResults(query);
}
