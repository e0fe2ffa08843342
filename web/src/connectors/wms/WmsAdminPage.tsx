import type { WmsBackupManifest, WmsConnectionInput, WmsConnectionView, WmsExportDefinition, WmsTestReport } from '@relais/schema';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable';
import { errorMessage } from './errors';
import { fileSize, frenchDateTime, seconds } from './format';
import { WmsConnectionForm } from './WmsConnectionForm';
import { WmsRestoreWizard } from './WmsRestoreWizard';
import { WmsRunPanel, type LaunchedRun } from './WmsRunPanel';
import { WmsSavedExports } from './WmsSavedExports';
import { wmsApi } from './wms-api';
import './wms.css';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** The WMS connector's administration screen: connections, test and fingerprint, restore points, restore, exports. */
export function WmsAdminPage() {
  const { t } = useTranslation();
  const [connections, setConnections] = useState<WmsConnectionView[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<WmsConnectionView | 'new' | null>(null);
  const [points, setPoints] = useState<WmsBackupManifest[]>([]);
  const [exports, setExports] = useState<WmsExportDefinition[]>([]);
  const [report, setReport] = useState<WmsTestReport | null>(null);
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<WmsBackupManifest | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [launched, setLaunched] = useState<LaunchedRun | null>(null);
  const sizeText = (bytes: number): string => {
    const size = fileSize(bytes);
    return t(size.key, { value: size.value });
  };
  const fail = useCallback((error: unknown) => setNotice({ kind: 'error', text: errorMessage(error, t) }), [t]);

  const load = useCallback(() => {
    wmsApi.connections().then((list) => {
      setConnections(list);
      setSelected((current) => current ?? list[0]?.id ?? null);
    }, fail);
  }, [fail]);
  useEffect(load, [load]);

  const connection = connections?.find((entry) => entry.id === selected) ?? null;
  const refreshPoints = useCallback(() => {
    if (selected !== null) {
      wmsApi.restorePoints(selected).then(setPoints, fail);
      wmsApi.exports(selected).then(setExports, fail);
    }
  }, [selected, fail]);
  useEffect(refreshPoints, [refreshPoints]);
  const select = (id: number) => {
    setSelected(id);
    setReport(null);
    setFingerprint(null);
    setLaunched(null);
  };

  const save = async (input: WmsConnectionInput) => {
    try {
      const saved = editing === 'new' || editing === null ? await wmsApi.create(input) : await wmsApi.update(editing.id, input);
      setEditing(null);
      select(saved.id);
      load();
    } catch (error) {
      fail(error);
    }
  };
  const act = (run: () => Promise<unknown>, ok?: string) => {
    setNotice(null);
    run().then(() => ok && setNotice({ kind: 'ok', text: ok }), fail);
  };

  return (
    <section className="page wms-page" data-testid="wms-page">
      <div className="toolbar">
        <h1>{t('wms.title')}</h1>
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          {t('wms.add')}
        </button>
      </div>
      <p className="muted">{t('wms.intro')}</p>
      {notice ? (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'wms-failed' : 'wms-ok'}>
          {notice.text}
        </p>
      ) : null}
      {editing ? <WmsConnectionForm initial={editing === 'new' ? null : editing} onSave={save} onCancel={() => setEditing(null)} /> : null}
      {connections === null || connections.length > 0 || !editing ? (
        <DataTable<WmsConnectionView>
          testId="wms-connections"
          rows={connections ?? undefined}
          rowKey={(entry) => String(entry.id)}
          rowAttributes={(entry) => ({ className: entry.id === selected ? 'selected' : undefined, onClick: () => select(entry.id) })}
          loading={t('wms.loading')}
          empty={t('wms.empty')}
          columns={[
            { key: 'name', header: t('wms.name'), cell: (entry) => entry.name },
            { key: 'host', header: t('wms.host'), cell: (entry) => `${entry.ssh_user}@${entry.ssh_host}:${entry.ssh_port}` },
            { key: 'db', header: t('wms.dbName'), cell: (entry) => entry.db_name },
            { key: 'fingerprint', header: t('wms.fingerprint'), cell: (entry) => (entry.host_fingerprint ? t('wms.pinned') : t('wms.notPinned')) },
          ]}
          actions={(entry) => (
            <button type="button" className="button small ghost" onClick={() => setEditing(entry)}>
              {t('wms.edit')}
            </button>
          )}
        />
      ) : null}
      {connection ? (
        <div className="wms-detail">
          <div className="wms-actions">
            <button type="button" className="button" onClick={() => act(async () => setReport(await wmsApi.test(connection.id)))} data-testid="wms-test">
              {t('wms.test')}
            </button>
            <button type="button" className="button" onClick={() => act(async () => setFingerprint((await wmsApi.fingerprint(connection.id)).fingerprint))}>
              {t('wms.fetchFingerprint')}
            </button>
            <button type="button" className="button primary" data-testid="wms-backup" onClick={() => act(async () => setLaunched({ id: (await wmsApi.backup(connection.id)).run_id, kind: 'backup' }))}>
              {t('wms.backupNow')}
            </button>
            <button type="button" className="button" onClick={() => act(async () => setLaunched({ id: (await wmsApi.restoreTest(connection.id)).run_id, kind: 'restoreTest' }))}>
              {t('wms.restoreTestNow')}
            </button>
          </div>
          {launched ? <WmsRunPanel key={launched.id} connectionId={connection.id} launched={launched} onEnded={refreshPoints} /> : null}
          {fingerprint ? (
            <div className="wms-fingerprint" data-testid="wms-fingerprint">
              <p>{t('wms.fingerprintShown', { fingerprint })}</p>
              <button type="button" className="button small primary" onClick={() => act(async () => (await wmsApi.pin(connection.id, fingerprint), setFingerprint(null), load()))}>
                {t('wms.pin')}
              </button>
            </div>
          ) : null}
          {report ? (
            <div data-testid="wms-test-report">
              <p className={report.ok ? 'wms-ok' : 'wms-failed'}>{report.ok ? t('wms.testOk') : t('wms.testFailed', { step: t(`wms.step.${report.failed_step ?? 'dns'}`) })}</p>
              <ul className="wms-steps">
                {report.steps.map((step) => (
                  <li key={step.step} className={step.ok ? 'wms-ok' : 'wms-failed'}>
                    <strong>{step.ok ? '✓' : '✗'} {t(`wms.step.${step.step}`)}</strong> — {step.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <h2>{t('wms.restorePoints')}</h2>
          <DataTable<WmsBackupManifest>
            testId="wms-restore-points"
            rows={points}
            rowKey={(point) => point.file}
            empty={t('wms.noPoints')}
            columns={[
              { key: 'date', header: t('wms.date'), cell: (point) => frenchDateTime(point.started_at) },
              { key: 'type', header: t('wms.type'), cell: (point) => t(`wms.kind.${point.kind}`) },
              { key: 'content', header: t('wms.content'), cell: (point) => point.tables.map((table) => `${table.name} : ${t('wms.rows', { count: table.rows })}`).join(' · ') },
              { key: 'size', header: t('wms.size'), numeric: true, cell: (point) => sizeText(point.size_bytes) },
              { key: 'by', header: t('wms.madeBy'), cell: (point) => t('wms.madeByValue', { who: point.actor ?? t('wms.scheduled'), seconds: seconds(point.duration_ms) }) },
            ]}
            actions={(point) => (
              <button type="button" className="button small" onClick={() => setRestoring(point)}>
                {t('wms.restore')}
              </button>
            )}
          />
          <h2>{t('wms.exports')}</h2>
          <div className="wms-actions">
            {connection.tables.map((table) => (
              <button key={table} type="button" className="button" onClick={() => act(() => wmsApi.downloadTable(connection.id, table))}>
                {t('wms.exportTable', { table })}
              </button>
            ))}
          </div>
          <WmsSavedExports connection={connection} exports={exports} act={act} onChanged={refreshPoints} onLaunched={setLaunched} />
        </div>
      ) : null}
      {restoring && connection ? (
        <WmsRestoreWizard
          connection={connection}
          point={restoring}
          onError={fail}
          onClose={() => {
            setRestoring(null);
            refreshPoints();
          }}
        />
      ) : null}
    </section>
  );
}
