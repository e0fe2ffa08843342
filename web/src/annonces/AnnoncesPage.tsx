import { addDays, today } from '@relais/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../auth/use-session';
import { useOnline } from '../ui/use-online';
import type { AnnonceSendResult } from './annonces-api';
import { annoncesApi } from './annonces-client';
import { AnnoncesConfigForm } from './AnnoncesConfigForm';
import { AnnoncesHistory } from './AnnoncesHistory';
import { AnnoncesPreviewList } from './AnnoncesPreviewList';
import { AnnoncesResults } from './AnnoncesResults';
import { selectedIds } from './selection';
import { errorOf, useServerRead } from './use-annonces';
import './annonces.css';

type Sending = { status: 'idle' } | { status: 'sending'; done: number; total: number } | { status: 'error'; code: string; message: string };

/**
 * "Annonces SST": e-mails each subcontractor its missions of a day (tomorrow by default). The
 * mails leave from the server, so the page needs the network and says so when offline.
 */
export function AnnoncesPage() {
  const { t } = useTranslation();
  const online = useOnline();
  const { permissions } = useSignedIn();
  const [date, setDate] = useState(() => addDays(today(), 1));
  const [attempt, setAttempt] = useState(0);
  const previewKey = `${date}#${attempt}`;
  const preview = useServerRead(previewKey, online, () => annoncesApi.preview(date));
  const [selection, setSelection] = useState<{ key: string; ids: Set<string> } | null>(null);
  const [sending, setSending] = useState<Sending>({ status: 'idle' });
  const [results, setResults] = useState<AnnonceSendResult[]>([]);
  const [historyVersion, setHistoryVersion] = useState(0);

  const items = preview.status === 'ready' ? preview.data.items : [];
  // A freshly loaded preview starts with everyone checked: sending to all is the usual case.
  const selected = selection?.key === previewKey ? selection.ids : new Set(items.map((item) => item.sst_id));
  const chosen = selectedIds(
    selected,
    items.map((item) => item.sst_id),
  );
  const busy = sending.status === 'sending';

  /** One request per subcontractor, so the progress is real and each result shows as it comes. */
  async function sendChosen(): Promise<void> {
    const label = preview.status === 'ready' ? preview.data.date_label : date;
    if (chosen.length === 0 || !window.confirm(t('annonces.confirm', { n: chosen.length, date: label }))) {
      return;
    }
    const collected: AnnonceSendResult[] = [];
    setResults([]);
    setSending({ status: 'sending', done: 0, total: chosen.length });
    try {
      for (const [index, id] of chosen.entries()) {
        const answer = await annoncesApi.send(date, [id]);
        collected.push(...answer.results);
        setResults([...collected]);
        setSending({ status: 'sending', done: index + 1, total: chosen.length });
      }
      setSending({ status: 'idle' });
    } catch (error) {
      setSending({ status: 'error', ...errorOf(error) });
    } finally {
      setHistoryVersion((value) => value + 1);
    }
  }

  return (
    <section className="page annonces-page" data-testid="annonces-page" data-status={preview.status}>
      <div className="toolbar">
        <h1>{t('annonces.title')}</h1>
        <label className="annonces-date">
          {t('annonces.date')}{' '}
          <input
            type="date"
            data-testid="annonces-date"
            value={date}
            min={today()}
            disabled={busy}
            onChange={(event) => {
              if (event.target.value) {
                setDate(event.target.value);
                setResults([]);
              }
            }}
          />
        </label>
        <button type="button" className="button ghost" disabled={busy || date === addDays(today(), 1)} onClick={() => setDate(addDays(today(), 1))}>
          {t('annonces.tomorrow')}
        </button>
      </div>
      <p className="muted">{t('annonces.intro')}</p>

      {!online ? (
        <div className="annonces-offline" role="status" data-testid="annonces-offline">
          <strong>{t('annonces.offline')}</strong>
          <p className="muted">{t('annonces.offlineHint')}</p>
        </div>
      ) : null}

      {preview.status === 'loading' ? <p className="muted">{t('annonces.loading')}</p> : null}
      {preview.status === 'error' ? (
        <div role="alert" data-testid="annonces-error" data-code={preview.code}>
          <p>{preview.code === 'VALIDATION_FAILED' ? preview.message : t(`errors.${preview.code}`, { defaultValue: preview.message })}</p>
          <button type="button" className="button small" onClick={() => setAttempt((value) => value + 1)}>
            {t('annonces.retry')}
          </button>
        </div>
      ) : null}
      {preview.status === 'ready' ? (
        <>
          <h2>
            {t('annonces.previewTitle')} — {preview.data.date_label}
          </h2>
          <AnnoncesPreviewList preview={preview.data} selected={selected} disabled={busy} onSelect={(ids) => setSelection({ key: previewKey, ids })} />
          <div className="annonces-actions">
            <button type="button" className="button primary" data-testid="annonces-send" disabled={busy || !online || chosen.length === 0} onClick={() => void sendChosen()}>
              {t('annonces.send', { n: chosen.length })}
            </button>
            {sending.status === 'sending' ? (
              <span role="status">
                <progress max={sending.total} value={sending.done} /> {t('annonces.sending', { n: sending.total })} {sending.done}/{sending.total}
              </span>
            ) : null}
            {sending.status === 'error' ? <span role="alert">{t(`errors.${sending.code}`, { defaultValue: sending.message })}</span> : null}
          </div>
        </>
      ) : null}
      {results.length > 0 ? <AnnoncesResults results={results} /> : null}

      {permissions.manage_announcements_config ? <AnnoncesConfigForm online={online} onSaved={() => setAttempt((value) => value + 1)} /> : null}
      <AnnoncesHistory online={online} version={historyVersion} />
    </section>
  );
}
