import type { Locator, Page } from 'playwright-core';
import { SyncBadge } from './sync-badge';

export interface AbsenceFields {
  from: string;
  to: string;
  type?: 'conges' | 'maladie' | 'formation' | 'autre';
  motif?: string;
}

/** The chauffeurs screen (`/app/chauffeurs`) and the absences dialog of one chauffeur. */
export class ChauffeursPage {
  readonly badge: SyncBadge;
  readonly absencesDialog: Locator;
  readonly absenceRows: Locator;

  constructor(readonly page: Page) {
    this.badge = new SyncBadge(page);
    this.absencesDialog = page.getByTestId('absences');
    this.absenceRows = page.getByTestId('absence-row');
  }

  /** The row of the chauffeur whose id is `id`. */
  row(id: string): Locator {
    return this.page.locator(`tr[data-id="${id}"]`);
  }

  /** Waits for the chauffeur's row (the screen is rendered, the local database holds it). */
  async waitForChauffeur(id: string): Promise<void> {
    await this.row(id).waitFor({ state: 'visible' });
    await this.badge.root.waitFor({ state: 'attached' });
  }

  async openAbsences(id: string): Promise<void> {
    await this.row(id).getByTestId('chauffeur-absences').click();
    await this.absencesDialog.waitFor({ state: 'visible' });
  }

  /** Adds an absence in the open dialog and waits for the form to close. */
  async addAbsence(fields: AbsenceFields): Promise<void> {
    await this.page.getByTestId('absence-new').click();
    const form = this.page.getByTestId('absence-form');
    await form.waitFor({ state: 'visible' });
    await form.locator('input[name="date_debut"]').fill(fields.from);
    await form.locator('input[name="date_fin"]').fill(fields.to);
    if (fields.type) {
      await form.locator('select[name="type_absence"]').selectOption(fields.type);
    }
    if (fields.motif !== undefined) {
      await form.locator('input[name="motif"]').fill(fields.motif);
    }
    await this.page.getByTestId('absence-save').click();
    await form.waitFor({ state: 'detached' });
  }

  /** The absence row(s) whose text contains `text`. */
  absenceRow(text: string): Locator {
    return this.absenceRows.filter({ hasText: text });
  }
  /** A day cell of the absences calendar (`data-absence` holds the type of the absence covering it). */
  calendarDay(date: string): Locator {
    return this.page.getByTestId('absence-calendar').locator(`td[data-date="${date}"]`);
  }

  /** Starts an absence on a free day of the calendar, picks its type, and saves it as a one-day absence. */
  async addAbsenceFromCalendar(date: string, type: string): Promise<void> {
    await this.calendarDay(date).getByRole('button').click();
    const form = this.page.getByTestId('absence-form');
    await form.waitFor({ state: 'visible' });
    const start = await form.locator('input[name="date_debut"]').inputValue();
    const end = await form.locator('input[name="date_fin"]').inputValue();
    if (start !== date || end !== date) {
      throw new Error(`le formulaire ouvert depuis le ${date} propose ${start} → ${end}`);
    }
    await form.locator('select[name="type_absence"]').selectOption(type);
    await this.page.getByTestId('absence-save').click();
    await form.waitFor({ state: 'detached' });
  }
}
