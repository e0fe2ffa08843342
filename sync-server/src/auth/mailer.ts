import { createTransport } from 'nodemailer';
import type { Config } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one e-mail; rejects when the SMTP server refuses it. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

type SmtpConfig = Pick<
  Config,
  'RELAIS_SMTP_HOST' | 'RELAIS_SMTP_PORT' | 'RELAIS_SMTP_SECURE' | 'RELAIS_SMTP_USER' | 'RELAIS_SMTP_PASSWORD' | 'RELAIS_SMTP_FROM'
>;

/** A mailer over SMTP with nodemailer, or undefined when `RELAIS_SMTP_HOST` is not set. */
export function createSmtpMailer(config: SmtpConfig): Mailer | undefined {
  if (config.RELAIS_SMTP_HOST === undefined) {
    return undefined;
  }
  const transport = createTransport({
    host: config.RELAIS_SMTP_HOST,
    port: config.RELAIS_SMTP_PORT,
    secure: config.RELAIS_SMTP_SECURE,
    auth: config.RELAIS_SMTP_USER === undefined ? undefined : { user: config.RELAIS_SMTP_USER, pass: config.RELAIS_SMTP_PASSWORD ?? '' },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from: config.RELAIS_SMTP_FROM, ...message });
    },
  };
}

/** The French e-mail carrying a sign-in code; the code sits alone on its line. */
export function mfaMail(to: string, displayName: string, code: string, minutes: number): MailMessage {
  return {
    to,
    subject: 'Relais : votre code de connexion',
    text: [
      `Bonjour ${displayName},`,
      '',
      'Voici votre code de connexion à Relais :',
      '',
      code,
      '',
      `Il est valable ${minutes} minutes et ne sert qu'une fois.`,
      "Si vous n'avez pas demandé à vous connecter, prévenez votre administrateur.",
    ].join('\n'),
  };
}
