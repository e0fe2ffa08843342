import { useSyncExternalStore } from 'react';

/** The block whose details are shown (hovered or focused) and where it is on screen. */
export interface ShownDetails {
  id: string;
  anchor: DOMRect;
}

/**
 * Which block's details are shown, outside React state of the board: hovering across blocks
 * re-renders only the details popover, not the thousands of blocks of a week.
 */
export interface DetailsStore {
  show: (id: string | undefined, anchor?: HTMLElement) => void;
  subscribe: (listener: () => void) => () => void;
  current: () => ShownDetails | undefined;
}

export function createDetailsStore(): DetailsStore {
  let shown: ShownDetails | undefined;
  const listeners = new Set<() => void>();
  return {
    show: (id, anchor) => {
      shown = id && anchor ? { id, anchor: anchor.getBoundingClientRect() } : undefined;
      for (const listener of listeners) {
        listener();
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    current: () => shown,
  };
}

export function useShownDetails(store: DetailsStore): ShownDetails | undefined {
  return useSyncExternalStore(store.subscribe, store.current);
}
