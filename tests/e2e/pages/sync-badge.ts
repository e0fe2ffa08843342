import type { Locator, Page } from 'playwright-core';
import { defaultTimeoutMs, pollUntil } from '../support/wait';

export interface SyncBadgeState {
  online: boolean;
  pending: number;
}

/** The replication badge (`sync-badge`): `data-online="true|false"`, `data-pending="<n>"`. */
export class SyncBadge {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('sync-badge');
  }

  /** The badge's current state; throws if it is absent or its attributes are malformed. */
  async state(): Promise<SyncBadgeState> {
    const [online, pending] = await Promise.all([
      this.root.getAttribute('data-online', { timeout: 2000 }),
      this.root.getAttribute('data-pending', { timeout: 2000 }),
    ]);
    if (online !== 'true' && online !== 'false') {
      throw new Error(`sync-badge data-online = ${JSON.stringify(online)} (attendu "true" ou "false")`);
    }
    if (pending === null || !/^\d+$/.test(pending)) {
      throw new Error(`sync-badge data-pending = ${JSON.stringify(pending)} (attendu un entier)`);
    }
    return { online: online === 'true', pending: Number(pending) };
  }

  async describe(): Promise<string> {
    try {
      const state = await this.state();
      const text = (await this.root.innerText({ timeout: 2000 })).replace(/\s+/g, ' ').trim();
      return `data-online=${state.online} data-pending=${state.pending} texte « ${text} »`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** Waits until the badge satisfies `predicate`, and returns that state. */
  async waitFor(what: string, predicate: (state: SyncBadgeState) => boolean, timeoutMs = defaultTimeoutMs): Promise<SyncBadgeState> {
    return pollUntil(
      async () => {
        const state = await this.state();
        return predicate(state) ? state : undefined;
      },
      { what: `sync-badge ${what}`, timeoutMs, describe: () => this.describe() },
    );
  }

  /** The first sync's progress the badge shows ("12 000 / 20 000 missions"); undefined when none is under way. */
  async firstSync(): Promise<{ loaded: number; total: number; text: string } | undefined> {
    const progress = this.root.getByTestId('sync-progress');
    if ((await progress.count()) === 0) {
      return undefined;
    }
    const [loaded, total, text] = await Promise.all([
      progress.getAttribute('data-loaded', { timeout: 2000 }),
      progress.getAttribute('data-total', { timeout: 2000 }),
      progress.innerText({ timeout: 2000 }),
    ]);
    return { loaded: Number(loaded), total: Number(total), text: text.replace(/\s+/g, ' ').trim() };
  }

  /** Online with every local write acknowledged by the server. */
  waitForSynced(timeoutMs = defaultTimeoutMs): Promise<SyncBadgeState> {
    return this.waitFor('en ligne avec data-pending = 0', (state) => state.online && state.pending === 0, timeoutMs);
  }
}
