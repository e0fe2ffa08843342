import { useSyncExternalStore } from 'react';

export const pages = ['missions', 'chauffeurs', 'voyages'] as const;
export type Page = (typeof pages)[number];

const paths: Record<Page, string> = {
  missions: '/',
  chauffeurs: '/chauffeurs',
  voyages: '/voyages',
};

export function pathOf(page: Page): string {
  return paths[page];
}

/** The page of a location path; anything unknown shows the missions (the default page). */
export function pageOf(pathname: string): Page {
  const path = pathname.replace(/\/+$/, '') || '/';
  return pages.find((page) => paths[page] === path) ?? 'missions';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

export function usePage(): Page {
  return pageOf(useSyncExternalStore(subscribe, () => window.location.pathname));
}

export function navigate(page: Page): void {
  if (window.location.pathname !== pathOf(page)) {
    window.history.pushState(null, '', pathOf(page));
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
}
