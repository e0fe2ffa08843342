import { describe, expect, it } from 'vitest';
import { pageOf, pathOf, pages, screenOf } from './route';

describe('route', () => {
  it('round-trips every page', () => {
    for (const page of pages) {
      expect(pageOf(pathOf(page))).toBe(page);
    }
  });

  it('defaults to the missions', () => {
    expect(pageOf('/nimporte-quoi')).toBe('missions');
    expect(pageOf('/chauffeurs/')).toBe('chauffeurs');
  });

  it('knows the activity log, which is no collection page', () => {
    expect(screenOf(pathOf('journal'))).toBe('journal');
    expect(screenOf('/journal/')).toBe('journal');
    expect(screenOf('/voyages')).toBe('voyages');
    expect(pageOf('/journal')).toBe('missions');
  });
});
