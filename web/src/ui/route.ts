import { useSyncExternalStore } from 'react';

export const pages = ['missions', 'chauffeurs', 'voyages'] as const;
export type Page = (typeof pages)[number];

/** Every screen of the app: the collection pages, and the activity log (not a collection). */
export type Screen = Page | 'journal';

// Not `/admin`, `/auth` nor `/stats`: those paths belong to the server's API.
const paths: Record<Screen, string> = {
  missions: '/',
  chauffeurs: '/chauffeurs',
  voyages: '/voyages',
  journal: '/journal',
};

export function pathOf(screen: Screen): string {
  return paths[screen];
}

/** The page of a location path; anything unknown shows the missions (the default page). */
export function pageOf(pathname: string): Page {
  const path = pathname.replace(/\/+$/, '') || '/';
  return pages.find((page) => paths[page] === path) ?? 'missions';
}

/** The screen of a location path; anything unknown shows the missions. */
export function screenOf(pathname: string): Screen {
  const path = pathname.replace(/\/+$/, '') || '/';
  return path === paths.journal ? 'journal' : pageOf(path);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

export function usePage(): Page {
  return pageOf(useSyncExternalStore(subscribe, () => window.location.pathname));
}

export function useScreen(): Screen {
  return screenOf(useSyncExternalStore(subscribe, () => window.location.pathname));
}

export function navigate(screen: Screen): void {
  if (window.location.pathname !== pathOf(screen)) {
    window.history.pushState(null, '', pathOf(screen));
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
}
