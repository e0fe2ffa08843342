import { describe, expect, it } from 'vitest';
import { pageOf, pathOf, pages, screenOf, type Screen } from './route';

describe('route', () => {
  it('round-trips every screen', () => {
    const screens: Screen[] = ['planning', ...pages, 'journal'];
    for (const screen of screens) {
      expect(screenOf(pathOf(screen))).toBe(screen);
    }
    for (const page of pages) {
      expect(pageOf(pathOf(page))).toBe(page);
    }
  });

  it('keeps the board at the root and every other screen under /app', () => {
    expect(pathOf('planning')).toBe('/');
    expect(pathOf('missions')).toBe('/app/missions');
    expect(pathOf('journal')).toBe('/app/journal');
  });

  it('defaults to the planning board', () => {
    expect(screenOf('/app/nimporte-quoi')).toBe('planning');
    expect(screenOf('/app/chauffeurs/')).toBe('chauffeurs');
    expect(screenOf('/app/journal/')).toBe('journal');
    // The server's REST paths are not the app's.
    expect(screenOf('/missions')).toBe('planning');
    expect(pageOf('/app/journal')).toBeUndefined();
    expect(pageOf('/')).toBeUndefined();
  });
});
