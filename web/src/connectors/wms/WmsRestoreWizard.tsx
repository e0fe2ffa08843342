import type { WmsBackupManifest, WmsConnectionView } from '@relais/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable';
import { frenchDateTime } from './format';
import { wmsApi, type RestorePreviewTable, type RestoreReport } from './wms-api';

interface Props {
  connection: WmsConnectionView;
  point: WmsBackupManifest;
  onClose: () => void;
  onError: (error: unknown) => void;
}

/** Restore wizard: target, what will be replaced, the database name typed to confirm, then the report. */
export function WmsRestoreWizard({ connection, point, onClose, onError }: Props) {
  const { t } = useTranslation();
  const [other, setOther] = useState(false);
  const [otherName, setOtherName] = useState(`${connection.db_name}_restore`);
  const target = other ? otherName.trim() : connection.db_name;
  const [loaded, setLoaded] = useState<{ target: string; tables: RestorePreviewTable[] } | null>(null);
  const preview = loaded?.target === target ? loaded.tables : null;
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<RestoreReport | null>(null);

  useEffect(() => {
    let active = true;
    if (/^[A-Za-z0-9_$]{1,64}$/.test(target)) {
      wmsApi.preview(connection.id, point.file, target).then(
        (result) => active && setLoaded({ target, tables: result.tables }),
        (error: unknown) => active && onError(error),
      );
    }
    return () => {
      active = false;
    };
  }, [connection.id, point.file, target, onError]);

  const restore = () => {
    setBusy(true);
    wmsApi
      .restore(connection.id, point.file, typed, target)
      .then(setReport, onError)
      .finally(() => setBusy(false));
  };

  return (
    <div className="wms-wizard" role="dialog" aria-modal="true" aria-labelledby="wms-wizard-title" data-testid="wms-restore-wizard">
      <div className="wms-wizard-body">
        <h2 id="wms-wizard-title">{t('wms.wizardTitle', { date: frenchDateTime(point.started_at) })}</h2>
        {report ? (
          <div role="status" data-testid="wms-restore-report">
            <p className={report.ok ? 'wms-ok' : 'wms-failed'}>{report.ok ? t('wms.restored') : t('wms.restoredMismatch')}</p>
            {report.safety_backup ? <p>{t('wms.safetyTaken', { file: report.safety_backup })}</p> : null}
            <DataTable<RestoreReport['tables'][number]>
              rows={report.tables}
              rowKey={(table) => table.name}
              empty={t('wms.noTables')}
              columns={[
                { key: 'table', header: t('wms.table'), cell: (table) => table.name },
                { key: 'expected', header: t('wms.rowsBackup'), numeric: true, cell: (table) => table.expected.toLocaleString('fr-FR') },
                { key: 'actual', header: t('wms.rowsNow'), numeric: true, cell: (table) => (table.actual === null ? t('wms.absent') : table.actual.toLocaleString('fr-FR')) },
              ]}
            />
          </div>
        ) : (
          <>
            <fieldset className="wms-target">
              <legend>{t('wms.target')}</legend>
              <label>
                <input type="radio" checked={!other} onChange={() => setOther(false)} /> {t('wms.targetProduction', { name: connection.db_name })}
              </label>
              <label>
                <input type="radio" checked={other} onChange={() => setOther(true)} /> {t('wms.targetOther')}
              </label>
              {other ? (
                <label className="wms-field">
                  <span>{t('wms.targetName')}</span>
                  <input value={otherName} onChange={(event) => setOtherName(event.target.value)} />
                </label>
              ) : null}
            </fieldset>
            <h3>{t('wms.preview')}</h3>
            <DataTable<RestorePreviewTable>
              testId="wms-restore-preview"
              rows={preview ?? undefined}
              rowKey={(table) => table.name}
              loading={t('wms.loading')}
              empty={t('wms.noTables')}
              columns={[
                { key: 'table', header: t('wms.table'), cell: (table) => table.name },
                { key: 'now', header: t('wms.rowsNow'), numeric: true, cell: (table) => (table.rows_now === null ? t('wms.absent') : table.rows_now.toLocaleString('fr-FR')) },
                { key: 'backup', header: t('wms.rowsBackup'), numeric: true, cell: (table) => table.rows_backup.toLocaleString('fr-FR') },
              ]}
            />
            <p className="muted">{t('wms.safetyNote')}</p>
            <label className="wms-field">
              <span>{t('wms.confirmLabel', { name: target })}</span>
              <input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" data-testid="wms-restore-confirm" />
            </label>
          </>
        )}
        <div className="wms-actions">
          {report ? null : (
            <button type="button" className="button danger" disabled={busy || typed !== target || preview === null} onClick={restore} data-testid="wms-restore-go">
              {busy ? t('wms.restoring') : t('wms.confirmRestore')}
            </button>
          )}
          <button type="button" className="button ghost" onClick={onClose} disabled={busy}>
            {t('wms.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
