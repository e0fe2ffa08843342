import type { SyncController } from '@relais/replica';
import { describe, expect, it } from 'vitest';
import { createOfflineNotice, offlineToastShown, whenFirstSyncDone } from './offline-ready';

type States = SyncController['states'];

/** A replication whose initial replication completes when the test says so. */
function replication(): { state: NonNullable<States['missions']>; finish: () => void } {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { state: { awaitInitialReplication: () => done } as unknown as NonNullable<States['missions']>, finish };
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('offline-ready toast', () => {
  it('shows only once the app is cached and the first sync is complete, in either order, until closed', () => {
    const notice = createOfflineNotice();
    expect(offlineToastShown(notice.getState(), false)).toBe(false);
    // A new PC: the service worker is ready before its data is loaded.
    notice.noteAppCached();
    expect(offlineToastShown(notice.getState(), false)).toBe(false);
    expect(offlineToastShown(notice.getState(), true)).toBe(true);
    notice.close();
    expect(offlineToastShown(notice.getState(), true)).toBe(false);

    // The data first (a fast sync), the service worker after.
    const other = createOfflineNotice();
    expect(offlineToastShown(other.getState(), true)).toBe(false);
    other.noteAppCached();
    expect(offlineToastShown(other.getState(), true)).toBe(true);
  });

  it('tells its subscribers when the app is cached or the toast closed, and stops when they leave', () => {
    const notice = createOfflineNotice();
    const seen: boolean[] = [];
    const leave = notice.subscribe(() => seen.push(notice.getState().appCached));
    notice.noteAppCached();
    notice.close();
    leave();
    notice.noteAppCached();
    expect(seen).toEqual([true, true]);
    expect(notice.getState()).toEqual({ appCached: true, closed: true, previews: 0 });
  });

  it('waits while a screen still shows the server\'s read-only copies of the first sync', () => {
    const notice = createOfflineNotice();
    notice.noteAppCached();
    const board = notice.showPreview();
    const other = notice.showPreview();
    expect(offlineToastShown(notice.getState(), true)).toBe(false);
    board();
    board();
    expect(offlineToastShown(notice.getState(), true)).toBe(false);
    other();
    expect(offlineToastShown(notice.getState(), true)).toBe(true);
  });

  it('counts the first sync complete only when every replicated collection has completed its own', async () => {
    const missions = replication();
    const chauffeurs = replication();
    let done = false;
    void whenFirstSyncDone({ states: { missions: missions.state, chauffeurs: chauffeurs.state } }).then(() => {
      done = true;
    });
    await settled();
    expect(done).toBe(false);
    missions.finish();
    await settled();
    expect(done).toBe(false);
    chauffeurs.finish();
    await settled();
    expect(done).toBe(true);
  });
});
