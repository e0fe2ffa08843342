import { describe, expect, it } from 'vitest';
import { pageOf, pathOf, pages } from './route';

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
});
