import { useMemo } from 'react';
import { useDatabase, useQueryResults } from '../sync/hooks';

/** All the chauffeurs, live, by name; `undefined` until the first results. */
export function useChauffeurs() {
  const db = useDatabase();
  const query = useMemo(() => db.chauffeurs.find({ sort: [{ nom: 'asc' }, { prenom: 'asc' }] }), [db]);
  return useQueryResults(query);
}
