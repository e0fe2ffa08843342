import type { PdfInput } from '@relais/documents';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { logger } from '../../ui/logger';
import { useOnline } from '../../ui/use-online';
import { splitRecipients } from './invoicing-api';
import { invoicingApi } from './invoicing-client';
import { downloadPdf, renderPdf, renderXml, type RenderedPdf } from './pdf';
import { messageOf } from './DocumentEditor';

interface PdfButtonsProps {
  input: () => PdfInput | undefined;
  /** A validated, numbered invoice, deposit invoice or credit note: its PDF is a Factur-X and its XML downloadable alone. */
  facturX?: boolean | undefined;
}

/** Preview (in a dialog) and download of the document's PDF (and Factur-X XML), made on this device, offline too. */
export function PdfButtons({ input, facturX = false }: PdfButtonsProps) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<RenderedPdf | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview.url) : undefined), [preview]);

  async function render(make: (data: PdfInput) => Promise<RenderedPdf> = renderPdf): Promise<RenderedPdf | undefined> {
    setError(null);
    const data = input();
    if (!data) {
      setError(t('invoicingDocuments.pdf.missing'));
      return undefined;
    }
    setBusy(true);
    try {
      return await make(data);
    } catch (failure) {
      logger.error('PDF du document impossible', failure);
      setError(t('invoicingDocuments.pdf.failed', { message: messageOf(failure) }));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="pdf-preview"
        disabled={busy}
        onClick={() => {
          void render().then((pdf) => pdf && setPreview(pdf));
        }}
      >
        {t('invoicingDocuments.pdf.preview')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="pdf-download"
        disabled={busy}
        onClick={() => {
          void render().then((pdf) => {
            if (pdf) {
              downloadPdf(pdf);
              setTimeout(() => URL.revokeObjectURL(pdf.url), 60_000);
            }
          });
        }}
      >
        {t('invoicingDocuments.pdf.download')}
      </button>
      {facturX ? (
        <button
          type="button"
          className="button"
          data-testid="xml-download"
          disabled={busy}
          title={t('invoicingDocuments.pdf.facturX')}
          onClick={() => {
            void render(renderXml).then((xml) => {
              if (xml) {
                downloadPdf(xml);
                setTimeout(() => URL.revokeObjectURL(xml.url), 60_000);
              }
            });
          }}
        >
          {t('invoicingDocuments.pdf.downloadXml')}
        </button>
      ) : null}
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
      {preview ? (
        <Dialog title={t('invoicingDocuments.pdf.title', { name: preview.fileName })} onClose={() => setPreview(null)} wide>
          <iframe className="doc-pdf-frame" title={preview.fileName} src={preview.url} data-testid="pdf-frame" />
          <footer className="form-footer">
            <a className="button primary" href={preview.url} download={preview.fileName}>
              {t('invoicingDocuments.pdf.download')}
            </a>
          </footer>
        </Dialog>
      ) : null}
    </>
  );
}

interface EmailButtonProps {
  collection: 'devis' | 'factures';
  id: string;
  numero: string;
  /** False until the server knows the document with its number (validation or first sync pending). */
  synced: boolean;
  defaultTo: string;
}

/** "Envoyer par e-mail": the server mails the PDF (`POST /api/invoicing/…/envoyer`); disabled offline. */
export function EmailButton({ collection, id, numero, synced, defaultTo }: EmailButtonProps) {
  const { t } = useTranslation();
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const disabled = !online || !synced;
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="email-open"
        disabled={disabled}
        title={!online ? t('invoicingDocuments.email.offline') : !synced ? t('invoicingDocuments.email.notSynced') : undefined}
        onClick={() => {
          setOutcome(null);
          setOpen(true);
        }}
      >
        {t('invoicingDocuments.email.send')}
      </button>
      {outcome ? (
        <span className={outcome.ok ? 'doc-ok' : 'form-error'} role="status" data-testid="email-outcome">
          {outcome.text}
        </span>
      ) : null}
      {open ? (
        <EmailDialog
          collection={collection}
          id={id}
          numero={numero}
          defaultTo={defaultTo}
          onClose={() => setOpen(false)}
          onDone={(result) => {
            setOutcome(result);
            if (result.ok) {
              setOpen(false);
            }
          }}
        />
      ) : null}
    </>
  );
}

interface EmailDialogProps {
  collection: 'devis' | 'factures';
  id: string;
  numero: string;
  defaultTo: string;
  onClose: () => void;
  onDone: (result: { ok: boolean; text: string }) => void;
}

function EmailDialog({ collection, id, numero, defaultTo, onClose, onDone }: EmailDialogProps) {
  const { t } = useTranslation();
  const online = useOnline();
  const toId = useId();
  const messageId = useId();
  const [to, setTo] = useState(defaultTo);
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(): Promise<void> {
    setSending(true);
    setError(null);
    const destinataires = splitRecipients(to);
    try {
      await invoicingApi.send(collection, id, {
        ...(destinataires.length > 0 ? { destinataires } : {}),
        ...(message.trim() !== '' ? { message } : {}),
      });
      onDone({ ok: true, text: t('invoicingDocuments.email.sent', { to: destinataires.join(', ') || defaultTo }) });
    } catch (failure) {
      const text = t('invoicingDocuments.email.failed', { message: messageOf(failure) });
      setError(text);
      onDone({ ok: false, text });
    } finally {
      setSending(false);
    }
  }

  return (
    <Dialog title={t('invoicingDocuments.email.title', { numero })} onClose={onClose}>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <div className="form-grid">
          <div className="field span-4">
            <label htmlFor={toId}>{t('invoicingDocuments.email.to')}</label>
            <input id={toId} data-testid="email-to" value={to} onChange={(event) => setTo(event.target.value)} />
          </div>
          <div className="field span-4">
            <label htmlFor={messageId}>{t('invoicingDocuments.email.message')}</label>
            <textarea id={messageId} rows={4} value={message} onChange={(event) => setMessage(event.target.value)} />
          </div>
        </div>
        <footer className="form-footer">
          {error ? (
            <span className="form-error" role="alert">
              {error}
            </span>
          ) : !online ? (
            <span className="form-error">{t('invoicingDocuments.email.offline')}</span>
          ) : null}
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" data-testid="email-send" disabled={sending || !online}>
            {sending ? t('invoicingDocuments.email.sending') : t('invoicingDocuments.email.submit')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
