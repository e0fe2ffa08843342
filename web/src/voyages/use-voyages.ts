import { useMemo } from 'react';
import { useDatabase, useQueryResults } from '../sync/hooks';

/** All the voyages, live, by code; `undefined` until the first results. */
export function useVoyages() {
  const db = useDatabase();
  const query = useMemo(() => db.voyages.find({ sort: [{ code: 'asc' }] }), [db]);
  return useQueryResults(query);
}
