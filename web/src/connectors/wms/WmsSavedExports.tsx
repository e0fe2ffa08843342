import type { WmsConnectionView, WmsExportDefinition } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
      {exports.length === 0 ? (
        <p className="empty">{t('wms.noExports')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="wms-saved-exports">
            <thead>
              <tr>
                <th>{t('wms.exportName')}</th>
                <th>{t('wms.exportSource')}</th>
                <th>{t('wms.separator')}</th>
                <th>{t('wms.format')}</th>
                <th>{t('wms.exportSchedule')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {exports.map((definition) => (
                <tr key={definition.id} data-testid="wms-saved-export">
                  <td>{definition.name}</td>
                  <td title={definition.query ?? undefined}>{definition.table !== null ? t('wms.sourceOfTable', { table: definition.table }) : t('wms.sourceOfQuery')}</td>
                  <td>{definition.separator}</td>
                  <td>{t(`wms.formatShort.${definition.format}`)}</td>
                  <td>{definition.schedule === 'off' ? t('wms.scheduleOff') : definition.schedule}</td>
                  <td className="wms-row-actions">
                    <button type="button" className="button small" onClick={() => act(async () => onLaunched({ id: (await wmsApi.runExport(connection.id, definition.id)).run_id, kind: 'export' }))}>
                      {t('wms.run')}
                    </button>
                    <button type="button" className="button small" onClick={() => act(() => wmsApi.downloadExport(connection.id, definition))}>
                      {t('wms.download')}
                    </button>
                    <button type="button" className="button small ghost" onClick={() => setDeleting(definition)}>
                      {t('wms.deleteExport')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
