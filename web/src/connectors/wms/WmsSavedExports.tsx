import type { WmsConnectionView, WmsExportDefinition } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable';
import { WmsExportDialog } from './WmsExportDialog';
import type { LaunchedRun } from './WmsRunPanel';
import { wmsApi } from './wms-api';

interface Props {
  connection: WmsConnectionView;
  exports: WmsExportDefinition[];
  /** Runs an action, then shows `ok` or the failure's French message. */
  act: (run: () => Promise<unknown>, ok?: string) => void;
  onChanged: () => void;
  /** A run started here, for the page's progress panel. */
  onLaunched: (run: LaunchedRun) => void;
}

/** The connection's saved exports: create, run now, download the CSV, delete (after a confirmation). */
export function WmsSavedExports({ connection, exports, act, onChanged, onLaunched }: Props) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<WmsExportDefinition | null>(null);
  return (
    <>
      <div className="toolbar wms-subtoolbar">
        <h3>{t('wms.savedExports')}</h3>
        <button type="button" className="button" onClick={() => setCreating(true)} data-testid="wms-export-add">
          {t('wms.addExport')}
        </button>
      </div>
      <DataTable<WmsExportDefinition>
        testId="wms-saved-exports"
        rows={exports}
        rowKey={(definition) => String(definition.id)}
        rowAttributes={() => ({ 'data-testid': 'wms-saved-export' })}
        empty={t('wms.noExports')}
        columns={[
          { key: 'name', header: t('wms.exportName'), cell: (definition) => definition.name },
          {
            key: 'source',
            header: t('wms.exportSource'),
            cell: (definition) => (
              <span title={definition.query ?? undefined}>{definition.table !== null ? t('wms.sourceOfTable', { table: definition.table }) : t('wms.sourceOfQuery')}</span>
            ),
          },
          { key: 'separator', header: t('wms.separator'), cell: (definition) => definition.separator },
          { key: 'format', header: t('wms.format'), cell: (definition) => t(`wms.formatShort.${definition.format}`) },
          { key: 'schedule', header: t('wms.exportSchedule'), cell: (definition) => (definition.schedule === 'off' ? t('wms.scheduleOff') : definition.schedule) },
        ]}
        actions={(definition) => (
          <>
            <button type="button" className="button small" onClick={() => act(async () => onLaunched({ id: (await wmsApi.runExport(connection.id, definition.id)).run_id, kind: 'export' }))}>
              {t('wms.run')}
            </button>
            <button type="button" className="button small" onClick={() => act(() => wmsApi.downloadExport(connection.id, definition))}>
              {t('wms.download')}
            </button>
            <button type="button" className="button small ghost" onClick={() => setDeleting(definition)}>
              {t('wms.deleteExport')}
            </button>
          </>
        )}
      />
      {deleting ? (
        <div className="wms-confirm" role="alertdialog" aria-label={t('wms.deleteExport')}>
          <p>{t('wms.confirmDeleteExport', { name: deleting.name })}</p>
          <button
            type="button"
            className="button small danger"
            onClick={() => {
              const definition = deleting;
              setDeleting(null);
              act(async () => {
                await wmsApi.removeExport(connection.id, definition.id);
                onChanged();
              }, t('wms.exportDeleted', { name: definition.name }));
            }}
          >
            {t('wms.confirmDelete')}
          </button>
          <button type="button" className="button small ghost" onClick={() => setDeleting(null)}>
            {t('wms.cancel')}
          </button>
        </div>
      ) : null}
      {creating ? (
        <WmsExportDialog
          connection={connection}
          onCreate={(input) => wmsApi.createExport(connection.id, input)}
          onClose={(created) => {
            setCreating(false);
            if (created) {
              act(() => Promise.resolve(onChanged()), t('wms.exportCreated', { name: created.name }));
            }
          }}
        />
      ) : null}
    </>
  );
}
