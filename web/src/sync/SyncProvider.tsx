import type { ReactNode } from 'react';
import { RelaisContext } from './hooks';
import type { RelaisRuntime } from './relais-sync';

export function SyncProvider({ runtime, children }: { runtime: RelaisRuntime; children: ReactNode }) {
  return <RelaisContext value={runtime}>{children}</RelaisContext>;
}
