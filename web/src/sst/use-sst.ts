import { useMemo } from 'react';
import { useDatabase, useQueryResults } from '../sync/hooks';

/** All the subcontractors, live, by code; `undefined` until the first results. */
export function useSstList() {
  const db = useDatabase();
  const query = useMemo(() => db.sst.find({ sort: [{ code: 'asc' }] }), [db]);
  return useQueryResults(query);
}
