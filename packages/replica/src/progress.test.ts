import { describe, expect, it } from 'vitest';
import { advanceProgress, progressSummary, startProgress } from './progress';

describe('first-sync progress', () => {
  it('counts pages up to the total the server gave', () => {
    let progress = startProgress(20_000);
    expect(progress).toEqual({ loaded: 0, total: 20_000 });
    for (let page = 0; page < 6; page += 1) {
      progress = advanceProgress(progress, 2000);
    }
    expect(progress).toEqual({ loaded: 12_000, total: 20_000 });
    expect(progressSummary({ missions: progress })).toEqual({ collection: 'missions', loaded: 12_000, total: 20_000, ratio: 0.6 });
  });

  it('grows the total with documents written on the server during the sync, never passing it', () => {
    const progress = advanceProgress(advanceProgress(startProgress(3000), 2000), 1500);
    expect(progress).toEqual({ loaded: 3500, total: 3500 });
    expect(progressSummary({ missions: progress })?.ratio).toBe(1);
  });

  it('ignores negative counts and reports an empty collection as complete', () => {
    expect(startProgress(-4)).toEqual({ loaded: 0, total: 0 });
    expect(advanceProgress(startProgress(10), -3)).toEqual({ loaded: 0, total: 10 });
    expect(progressSummary({ voyages: startProgress(0) })).toEqual({ collection: 'voyages', loaded: 0, total: 0, ratio: 1 });
  });

  it('names missions first, else the collection with the most left to load, and nothing once all are loaded', () => {
    const chauffeurs = { loaded: 0, total: 200 };
    const factures = { loaded: 100, total: 5000 };
    const missions = { loaded: 19_000, total: 20_000 };
    expect(progressSummary({ chauffeurs, factures, missions })?.collection).toBe('missions');
    expect(progressSummary({ chauffeurs, factures })?.collection).toBe('factures');
    expect(progressSummary({ chauffeurs, factures }, 'chauffeurs')?.collection).toBe('chauffeurs');
    expect(progressSummary({})).toBeUndefined();
    expect(progressSummary({ missions: undefined })).toBeUndefined();
  });
});
