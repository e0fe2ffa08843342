import type { Locator, Page } from 'playwright-core';
import { SyncBadge } from './sync-badge';

/** The planning board at `/`: rows per chauffeur and subcontractor, mission blocks, side list, alerts. */
export class PlanningBoardPage {
  readonly root: Locator;
  readonly dateInput: Locator;
  readonly unassigned: Locator;
  readonly alert: Locator;
  readonly dragPreview: Locator;
  readonly forceDialog: Locator;
  readonly totals: Locator;
  readonly badge: SyncBadge;
  readonly toast: Locator;
  readonly undoButton: Locator;
  readonly dragTime: Locator;
  readonly legend: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('planning-board');
    this.dateInput = page.getByTestId('planning-date');
    this.unassigned = page.getByTestId('planning-unassigned');
    this.alert = page.getByTestId('planning-alert');
    this.dragPreview = page.getByTestId('planning-drag-preview');
    this.forceDialog = page.getByTestId('planning-force-dialog');
    this.totals = page.getByTestId('planning-totals');
    this.badge = new SyncBadge(page);
    this.toast = page.getByTestId('planning-toast');
    this.undoButton = page.getByTestId('planning-undo');
    this.dragTime = page.getByTestId('planning-drag-time');
    this.legend = page.getByTestId('planning-legend');
    this.details = page.getByTestId('planning-block-details');
  }

  /** The absence drawn on a chauffeur's row (hatched, its kind in words). */
  absence(name: string): Locator {
    return this.row(name).getByTestId('planning-absence');
  }

  /** The row's day timeline (day view). */
  lane(name: string): Locator {
    return this.row(name).getByTestId('planning-lane');
  }

  /** The day and view the board shows, as its URL holds them. */
  shownPlace(): Promise<{ day: string | null; view: string | null; search: string }> {
    const search = new URL(this.page.url()).search;
    const params = new URLSearchParams(search);
    return Promise.resolve({ day: params.get('jour'), view: params.get('vue'), search });
  }

  /**
   * Drags a block by `dx`, `dy` pixels with the real mouse, starting where it is grabbed (its
   * middle); `whileOver` runs before the drop.
   */
  async dragBy(block: Locator, dx: number, dy: number, whileOver?: () => Promise<void>): Promise<void> {
    // A block that can be dragged: the replica's copy, not the server's read-only one the board shows
    // until the end of the first sync's switch (a transition, which a loaded machine draws after the
    // sync badge says « à jour »): pressed before, the press starts no drag.
    await block.locator('.block-handle[aria-disabled="false"]').waitFor({ state: 'visible' });
    // Away from the window's edges, where the drag would scroll the page under the pointer.
    await block.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const from = await block.locator('.block-handle').boundingBox();
    if (!from) {
      throw new Error('dragBy : bloc invisible');
    }
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(start.x, start.y + 6, { steps: 3 });
    await this.page.mouse.move(start.x + dx, start.y + dy, { steps: 15 });
    await this.dragPreview.waitFor({ state: 'visible' });
    await this.page.mouse.move(start.x + dx, start.y + dy, { steps: 2 });
    await whileOver?.();
    await this.page.mouse.up();
    await this.dragPreview.waitFor({ state: 'detached' });
    // dnd-kit swallows every click for 50 ms after a drop (a capturing click listener on the
    // document, removed by a 50 ms timer) so the drop does not click the block: a click of the test
    // right after (« Déplacer » of the confirmation) was lost when the loaded machine ran that timer
    // late. A later timer of the page runs after it.
    await this.page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 60)));
  }

  async waitUntilReady(): Promise<void> {
    await this.dateInput.waitFor({ state: 'visible' });
    await this.badge.root.waitFor({ state: 'attached' });
  }

  /** Shows the day `day` (`YYYY-MM-DD`) in the day view. */
  async showDay(day: string): Promise<void> {
    await this.dateInput.fill(day);
    await this.dateInput.blur();
    const shown = await this.dateInput.inputValue();
    if (shown !== day) {
      throw new Error(`planning-date affiche ${shown} au lieu de ${day}`);
    }
  }

  async showWeek(): Promise<void> {
    await this.page.getByTestId('planning-view-week').click();
    await this.page.getByTestId('planning-week').waitFor({ state: 'visible' });
  }

  /**
   * Reassigns a mission through its "Réaffecter…" menu with the keyboard only; `target` is an
   * option value of the dialog (`chauffeur:<id>`, `sst:<id>` or `none`).
   */
  async reassignWithKeyboard(text: string, target: string): Promise<void> {
    await this.block(text).getByRole('button', { name: /Réaffecter/ }).focus();
    await this.page.keyboard.press('Enter');
    const select = this.page.getByTestId('reassign-target');
    await select.waitFor({ state: 'visible' });
    await select.focus();
    await select.selectOption(target);
    await this.page.getByTestId('reassign-save').focus();
    await this.page.keyboard.press('Enter');
    await select.waitFor({ state: 'detached' });
  }

  /** The row of a chauffeur or subcontractor, by the name it shows. */
  row(name: string): Locator {
    return this.page.locator(`[data-testid="planning-row"][data-name="${name}"]`);
  }

  /** The row's name cell: a drop there keeps the mission's time. */
  rowName(name: string): Locator {
    return this.row(name).getByTestId('planning-row-name');
  }

  /** The mission block(s) whose text contains `text`, anywhere on the board. */
  block(text: string): Locator {
    return this.page.getByTestId('planning-block').filter({ hasText: text });
  }

  blockIn(container: Locator, text: string): Locator {
    return container.getByTestId('planning-block').filter({ hasText: text });
  }

  /** Gives the reason for keeping a plan despite a blocking conflict, and saves it. */
  async force(motif: string): Promise<void> {
    await this.page.getByTestId('planning-force-motif').fill(motif);
    await this.page.getByTestId('planning-force-save').click();
    await this.forceDialog.waitFor({ state: 'detached' });
  }

  /** The server's refusal shown on a mission's block (after a sync), until dismissed. */
  serverNotice(text: string): Locator {
    return this.block(text).getByTestId('planning-server-notice');
  }

  async dismissServerNotice(text: string): Promise<void> {
    await this.serverNotice(text).getByRole('button').click();
  }

  /**
   * Drags a block with the real mouse (down, several moves, up) so that dnd-kit's pointer sensor
   * starts, tracks and ends the drag. `whileOver` runs while the block hovers the target (the preview).
   */
  async drag(block: Locator, target: Locator, whileOver?: () => Promise<void>): Promise<void> {
    const handle = block.locator('.block-handle');
    const from = await handle.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) {
      throw new Error('drag : bloc ou cible invisible');
    }
    const start = { x: from.x + Math.min(12, from.width / 2), y: from.y + from.height / 2 };
    const end = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
    await this.page.mouse.move(end.x, end.y, { steps: 15 });
    await this.dragPreview.waitFor({ state: 'visible' });
    await this.page.mouse.move(end.x + 1, end.y + 1, { steps: 2 });
    await whileOver?.();
    await this.page.mouse.up();
    await this.dragPreview.waitFor({ state: 'detached' });
    // dnd-kit swallows every click for 50 ms after a drop (a capturing click listener on the
    // document, removed by a 50 ms timer) so the drop does not click the block: a click of the test
    // right after (« Déplacer » of the confirmation) was lost when the loaded machine ran that timer
    // late. A later timer of the page runs after it.
    await this.page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 60)));
  }
}
