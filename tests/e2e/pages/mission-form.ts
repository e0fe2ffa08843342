import type { Locator, Page } from 'playwright-core';

export type MissionStatut = 'planifie' | 'en_cours' | 'termine' | 'annule';

export interface MissionFields {
  /** `YYYY-MM-DD`. */
  date?: string;
  /** `HH:MM`. */
  heureDebut?: string;
  destination?: string;
  depart?: string;
  /** The chauffeur's id (chosen in the form's chauffeur list). */
  chauffeurId?: string;
  statut?: MissionStatut;
}

/** The mission form (`mission-form-*`), opened by `mission-new` or a row's `mission-edit`. */
export class MissionForm {
  readonly date: Locator;
  readonly heureDebut: Locator;
  readonly destination: Locator;
  readonly statut: Locator;
  readonly save: Locator;

  constructor(private readonly page: Page) {
    this.date = page.getByTestId('mission-form-date');
    this.heureDebut = page.getByTestId('mission-form-heure-debut');
    this.destination = page.getByTestId('mission-form-destination');
    this.statut = page.getByTestId('mission-form-statut');
    this.save = page.getByTestId('mission-form-save');
  }

  async waitUntilOpen(): Promise<void> {
    await this.save.waitFor({ state: 'visible' });
  }

  async fill(fields: MissionFields): Promise<void> {
    if (fields.date !== undefined) {
      await this.date.fill(fields.date);
    }
    if (fields.heureDebut !== undefined) {
      await this.heureDebut.fill(fields.heureDebut);
    }
    if (fields.destination !== undefined) {
      await this.destination.fill(fields.destination);
    }
    if (fields.statut !== undefined) {
      await this.statut.selectOption(fields.statut);
    }
    if (fields.depart !== undefined) {
      await this.page.locator('form input[name="depart"]').fill(fields.depart);
    }
    if (fields.chauffeurId !== undefined) {
      await this.page.locator('form select[name="chauffeur_id"]').selectOption(fields.chauffeurId);
    }
  }

  /** Saves and waits for the form to close; on timeout, reports the validation messages shown. */
  async submit(): Promise<void> {
    await this.save.click();
    try {
      await this.save.waitFor({ state: 'hidden' });
    } catch (error) {
      throw new Error(`Le formulaire de mission est resté ouvert après l'enregistrement. Messages affichés : ${await this.visibleMessages()}`, {
        cause: error,
      });
    }
  }

  /** Texts of the alerts and invalid fields on the page, to explain a refused save. */
  async visibleMessages(): Promise<string> {
    const messages = await this.page
      .locator('[role="alert"], [aria-invalid="true"], .error, .field-error')
      .evaluateAll((elements) =>
        elements.map((element) => {
          const name = element.getAttribute('name') ?? element.getAttribute('data-testid') ?? element.tagName.toLowerCase();
          const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
          return element.getAttribute('aria-invalid') === 'true' ? `${name} invalide` : text;
        }),
      );
    return messages.filter((message) => message !== '').join(' | ') || '(aucun)';
  }
}
