import type { RelaisDatabase, SyncController } from '@relais/replica';
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { asyncScheduler, throttleTime, type Observable } from 'rxjs';
import type { SyncStatus } from '@relais/replica';
import type { RelaisRuntime } from './relais-sync';

export const RelaisContext = createContext<RelaisRuntime | null>(null);

function useRuntime(): RelaisRuntime {
  const runtime = useContext(RelaisContext);
  if (!runtime) {
    throw new Error('useRuntime: composant hors de <SyncProvider>');
  }
  return runtime;
}

export function useDatabase(): RelaisDatabase {
  return useRuntime().db;
}

export function useSyncController(): SyncController {
  return useRuntime().sync;
}

const wholeStatus = (status: SyncStatus): SyncStatus => status;

/** The live replication status (online, pending writes, last sync, error, conflicts). */
export function useSyncStatus(): SyncStatus {
  return useSyncStatusValue(wholeStatus);
}

/**
 * One value of the replication status (`select` returns a primitive or a part kept as is): the
 * component renders again only when that value changes, not on every page of a first sync.
 */
export function useSyncStatusValue<T>(select: (status: SyncStatus) => T): T {
  const { status$ } = useRuntime();
  const subscribe = useMemo(
    () => (onChange: () => void) => {
      const subscription = status$.subscribe(onChange);
      return () => subscription.unsubscribe();
    },
    [status$],
  );
  return useSyncExternalStore(subscribe, () => select(status$.getValue()));
}

/** The latest value of an observable; `initial` until it emits, and again when `source` changes. */
export function useObservable<T>(source: Observable<T>, initial: T): T {
  const [state, setState] = useState<{ source: Observable<T>; value: T }>({ source, value: initial });
  useEffect(() => {
    const subscription = source.subscribe((value) => setState({ source, value }));
    return () => subscription.unsubscribe();
  }, [source]);
  return state.source === source ? state.value : initial;
}

/**
 * The live results of an RxDB query (its `.$` observable), `undefined` until the first result.
 * Pass a memoised query (`useMemo`) so the subscription is not renewed on every render.
 */
export function useQueryResults<R>(query: { readonly $: Observable<R> }): R | undefined {
  const source = useMemo(() => query.$, [query]);
  return useObservable<R | undefined>(source, undefined);
}

/**
 * The live results of an RxDB query, at most one new result every `ms` milliseconds: the first
 * change after a quiet moment at once, the last one of a burst when the interval ends. For
 * screens that must not re-render on every replication batch of a first sync.
 */
export function useThrottledQueryResults<R>(query: { readonly $: Observable<R> }, ms: number): R | undefined {
  const source = useMemo(() => query.$.pipe(throttleTime(ms, asyncScheduler, { leading: true, trailing: true })), [query, ms]);
  return useObservable<R | undefined>(source, undefined);
}
