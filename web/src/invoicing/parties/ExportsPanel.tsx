import { today } from '@relais/domain';
import type { Entreprise } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createReplicationFetch } from '../../auth/replication-fetch';
import { session } from '../../auth/session';
import { useSyncStatus } from '../../sync/hooks';
import { attachmentName, exportPath, exportProblem, previousMonth, type ExportKind, type ExportRequest } from './exports';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
const authenticatedFetch = createReplicationFetch({ session });

async function download(kind: ExportKind, request: ExportRequest): Promise<string> {
  const response = await authenticatedFetch(exportPath(kind, request), { headers: session.authHeaders(), cache: 'no-store' });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new Error(body.detail ?? `HTTP ${response.status}`);
  }
  const name = attachmentName(response.headers.get('content-disposition'), kind === 'fec' ? 'fec.txt' : `${kind}.csv`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The accountant's files for a period: invoices and payments as CSV (Excel), and the FEC. Online only. */
export function ExportsPanel({ entreprises, entrepriseId }: { entreprises: readonly Entreprise[]; entrepriseId: string | undefined }) {
  const { t } = useTranslation();
  const { online } = useSyncStatus();
  const [period, setPeriod] = useState(() => previousMonth(today()));
  const [separateur, setSeparateur] = useState<';' | ','>(';');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = entrepriseId ?? (entreprises.length === 1 ? entreprises[0]?.id : undefined);
  const request: ExportRequest = { ...period, entrepriseId: chosen, separateur };

  const run = (kind: ExportKind): void => {
    const problem = exportProblem(kind, request);
    if (problem) {
      setMessage({ kind: 'error', text: problem });
      return;
    }
    setBusy(true);
    setMessage(null);
    download(kind, request).then(
      (name) => setMessage({ kind: 'ok', text: t('invoicing.exports.done', { name }) }),
      (error: unknown) => setMessage({ kind: 'error', text: t('invoicing.exports.failed', { message: error instanceof Error ? error.message : String(error) }) }),
    ).finally(() => setBusy(false));
  };

  return (
    <section className="dashboard-panel" data-testid="invoicing-exports">
      <h2>{t('invoicing.exports.title')}</h2>
      <p className="muted">{t('invoicing.exports.hint')}</p>
      <div className="exports-form">
        <label className="field">
          <span className="label">{t('invoicing.exports.du')}</span>
          <input type="date" value={period.du} onChange={(event) => setPeriod({ ...period, du: event.target.value })} data-testid="export-du" />
        </label>
        <label className="field">
          <span className="label">{t('invoicing.exports.au')}</span>
          <input type="date" value={period.au} onChange={(event) => setPeriod({ ...period, au: event.target.value })} data-testid="export-au" />
        </label>
        <label className="field">
          <span className="label">{t('invoicing.exports.separateur')}</span>
          <select value={separateur} onChange={(event) => setSeparateur(event.target.value === ',' ? ',' : ';')}>
            <option value=";">{t('invoicing.exports.semicolon')}</option>
            <option value=",">{t('invoicing.exports.comma')}</option>
          </select>
        </label>
      </div>
      <div className="exports-actions">
        {(['factures', 'reglements', 'fec'] as const).map((kind) => (
          <button key={kind} type="button" className="button" disabled={!online || busy} onClick={() => run(kind)} data-testid={`export-${kind}`}>
            {t(`invoicing.exports.${kind}`)}
          </button>
        ))}
      </div>
      {!online ? <p className="muted">{t('invoicing.exports.offline')}</p> : null}
      {message ? (
        <p className={message.kind === 'error' ? 'form-error' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="export-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
