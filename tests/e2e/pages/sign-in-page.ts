import type { Locator, Page } from 'playwright-core';
import { defaultTimeoutMs } from '../support/wait';

/** The sign-in page: credentials, the e-mailed code, the forced change of a one-time password. */
export class SignInPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly mfaCode: Locator;
  readonly mfaSubmit: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly passwordSubmit: Locator;
  /** Shown once signed in: the app's user menu. */
  readonly userMenu: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByTestId('login-username');
    this.password = page.getByTestId('login-password');
    this.submit = page.getByTestId('login-submit');
    this.error = page.getByTestId('login-error');
    this.mfaCode = page.getByTestId('mfa-code');
    this.mfaSubmit = page.getByTestId('mfa-submit');
    this.currentPassword = page.getByTestId('password-current');
    this.newPassword = page.getByTestId('password-new');
    this.confirmPassword = page.getByTestId('password-confirm');
    this.passwordSubmit = page.getByTestId('password-submit');
    this.userMenu = page.getByTestId('user-menu');
  }

  /** Opens `path` and waits for the sign-in form. */
  async open(path = '/'): Promise<void> {
    await this.page.goto(path, { waitUntil: 'load' });
    await this.username.waitFor({ state: 'visible' });
  }

  /** Fills and sends the credentials; what follows (app, code, password change, error) is up to the caller. */
  async submitCredentials(username: string, password: string): Promise<void> {
    await this.username.waitFor({ state: 'visible' });
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  async submitMfaCode(code: string): Promise<void> {
    await this.mfaCode.waitFor({ state: 'visible' });
    await this.mfaCode.fill(code);
    await this.mfaSubmit.click();
  }

  /** Completes the forced password change (the current password is asked only after a reload). */
  async changePassword(newPassword: string, currentPassword?: string): Promise<void> {
    await this.newPassword.waitFor({ state: 'visible' });
    if (currentPassword !== undefined && (await this.currentPassword.count()) > 0) {
      await this.currentPassword.fill(currentPassword);
    }
    await this.newPassword.fill(newPassword);
    await this.confirmPassword.fill(newPassword);
    await this.passwordSubmit.click();
  }

  /** Waits for the app (user menu) and returns the signed-in username it shows. */
  async waitForApp(timeoutMs = defaultTimeoutMs): Promise<string | null> {
    await this.userMenu.waitFor({ state: 'visible', timeout: timeoutMs });
    return this.userMenu.getAttribute('data-username');
  }

  /** Signs in with a password that needs no change. */
  async signIn(username: string, password: string): Promise<void> {
    await this.submitCredentials(username, password);
    await this.waitForApp();
  }

  /** Signs in with a one-time password and replaces it by `newPassword`. */
  async signInWithOneTimePassword(username: string, oneTimePassword: string, newPassword: string): Promise<void> {
    await this.submitCredentials(username, oneTimePassword);
    await this.changePassword(newPassword);
    await this.waitForApp();
  }

  /** The text of the error shown, or null. */
  async errorText(): Promise<string | null> {
    return (await this.error.count()) > 0 ? this.error.innerText() : null;
  }
}
