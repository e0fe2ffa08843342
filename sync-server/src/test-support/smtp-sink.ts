import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createSmtpMailer, type Mailer } from '../auth/mailer';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** The HTML part, empty when the mail has none. */
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** A nodemailer mailer pointed at the sink, as the server builds it from its configuration. */
  mailer: Mailer;
  /** The next mail to this address (already received or still to come). */
  nextMailTo(address: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (port chosen by the OS) that keeps every mail it gets. Recipients
 * ending in `@refuse.test` are refused, to exercise a failing mail server.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: { address: string; resolve: (mail: ReceivedMail) => void }[] = [];
  const taken = new Set<ReceivedMail>();

  function deliver(): void {
    for (const waiter of [...waiters]) {
      const mail = received.find((candidate) => !taken.has(candidate) && candidate.to.includes(waiter.address));
      if (mail) {
        taken.add(mail);
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(mail);
      }
    }
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(address.address.endsWith('@refuse.test') ? new Error('destinataire refusé') : undefined);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            attachments: parsed.attachments.map((attachment) => ({
              filename: attachment.filename ?? '',
              contentType: attachment.contentType,
              content: attachment.content,
            })),
          });
          deliver();
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const mailer = createSmtpMailer({
    RELAIS_SMTP_HOST: '127.0.0.1',
    RELAIS_SMTP_PORT: port,
    RELAIS_SMTP_SECURE: false,
    RELAIS_SMTP_USER: undefined,
    RELAIS_SMTP_PASSWORD: undefined,
    RELAIS_SMTP_FROM: 'Relais <relais@relais.test>',
  });
  if (!mailer) {
    throw new Error('mailer non créé');
  }

  return {
    port,
    received,
    mailer,
    nextMailTo(address, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`aucun e-mail pour ${address} en ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          address,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        });
        deliver();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
