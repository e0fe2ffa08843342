import { refusedWrites$, type RefusedWrite } from '@relais/replica';
import { useMemo } from 'react';
import { useDatabase, useObservable } from './hooks';

const none: RefusedWrite[] = [];

/** The writes the server refused that this PC keeps until the user fixes or discards them, live. */
export function useRefusedWrites(collection?: string): RefusedWrite[] {
  const db = useDatabase();
  const source = useMemo(() => refusedWrites$(db), [db]);
  const writes = useObservable(source, none);
  return useMemo(() => (collection ? writes.filter((write) => write.collection === collection) : writes), [writes, collection]);
}
