import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { ActionResult, AdminError } from './AdminNotice';
import type { BackupItem } from './admin-api';
import { adminApi } from './admin-client';
import { formatBytes, formatInstant } from './admin-format';
import { RestoreDialog } from './RestoreDialog';
import { useAdminAction, useAdminData } from './use-admin';

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The database backups: create one with a description, download, restore (typed confirmation), delete, clean up. */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const backups = useAdminData(adminApi.backups);
  const action = useAdminAction();
  const [description, setDescription] = useState('');
  const [retention, setRetention] = useState('30');
  const [restoring, setRestoring] = useState<BackupItem | null>(null);

  const create = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void action
      .run(
        () => adminApi.createBackup(description.trim()),
        (created) => t('admin.backups.created', { size: formatBytes(created.size_bytes, i18n.language) }),
      )
      .then((ok) => {
        if (ok) {
          setDescription('');
        }
        backups.reload();
      });
  };
  const remove = (backup: BackupItem): void => {
    if (!window.confirm(t('admin.backups.deleteConfirm', { date: formatInstant(backup.created_at, i18n.language) }))) {
      return;
    }
    void action.run(() => adminApi.deleteBackup(backup.filename), () => t('admin.backups.deleted')).then(backups.reload);
  };
  const cleanup = (): void => {
    const days = Number(retention);
    if (!Number.isInteger(days) || days < 1) {
      return;
    }
    if (!window.confirm(t('admin.backups.cleanupConfirm', { n: days }))) {
      return;
    }
    void action.run(() => adminApi.cleanupBackups(days), (result) => t('admin.backups.cleaned', { n: result.deleted_count })).then(backups.reload);
  };
  const download = (backup: BackupItem): void => {
    void action.run(
      async () => saveBlob(await adminApi.downloadBackup(backup.filename), backup.filename),
      () => t('admin.backups.downloaded'),
    );
  };

  return (
    <section className="page admin-page" data-testid="admin-backups">
      <div className="toolbar">
        <h1>{t('admin.screens.adminBackups')}</h1>
        <span className="toolbar-info">{backups.data ? t('admin.backups.count', { n: backups.data.length }) : null}</span>
      </div>
      <div className="admin-panels">
        <form className="admin-panel admin-inline-form" onSubmit={create}>
          <h2>{t('admin.backups.createTitle')}</h2>
          <label htmlFor="backup-description">{t('admin.backups.description')}</label>
          <div className="admin-inline-row">
            <input
              id="backup-description"
              data-testid="backup-description"
              value={description}
              maxLength={500}
              placeholder={t('admin.backups.descriptionHint')}
              onChange={(event) => setDescription(event.target.value)}
            />
            <button type="submit" className="button primary" data-testid="backup-create" disabled={action.busy}>
              {action.busy ? t('admin.backups.creating') : t('admin.backups.create')}
            </button>
          </div>
        </form>
        <div className="admin-panel admin-inline-form">
          <h2>{t('admin.backups.cleanupTitle')}</h2>
          <label htmlFor="backup-retention">{t('admin.backups.retention')}</label>
          <div className="admin-inline-row">
            <input id="backup-retention" type="number" min={1} max={3650} value={retention} onChange={(event) => setRetention(event.target.value)} />
            <button type="button" className="button" disabled={action.busy} onClick={cleanup}>
              {t('admin.backups.cleanup')}
            </button>
          </div>
          <p className="field-hint">{t('admin.backups.cleanupHint')}</p>
        </div>
      </div>
      <ActionResult notice={action.notice} error={action.error} />
      <DataTable<BackupItem>
        rows={backups.data}
        rowKey={(backup) => backup.filename}
        rowAttributes={(backup) => ({ 'data-testid': 'backup-row', 'data-filename': backup.filename })}
        empty={t('admin.backups.empty')}
        error={backups.error ? <AdminError error={backups.error} /> : undefined}
        columns={[
          { key: 'date', header: t('admin.backups.date'), cell: (backup) => formatInstant(backup.created_at, i18n.language) },
          { key: 'description', header: t('admin.backups.description'), cell: (backup) => backup.description || t('common.none') },
          {
            key: 'size',
            header: t('admin.backups.size'),
            numeric: true,
            cell: (backup) => <span data-testid="backup-size">{formatBytes(backup.size_bytes, i18n.language)}</span>,
          },
          { key: 'trigger', header: t('admin.backups.trigger'), cell: (backup) => translateKey(`admin.backups.triggers.${backup.trigger}`, backup.trigger) },
          { key: 'by', header: t('admin.backups.by'), cell: (backup) => backup.created_by ?? t('common.none') },
        ]}
        actions={(backup) => (
          <>
            <button type="button" className="button small" disabled={action.busy} onClick={() => download(backup)}>
              {t('admin.backups.download')}
            </button>
            <button type="button" className="button small" disabled={action.busy} onClick={() => setRestoring(backup)}>
              {t('admin.backups.restore')}
            </button>
            <button type="button" className="button small danger" disabled={action.busy} onClick={() => remove(backup)}>
              {t('common.delete')}
            </button>
          </>
        )}
      />
      {restoring ? (
        <RestoreDialog
          backup={restoring}
          onClose={() => setRestoring(null)}
          onRestored={(message) => {
            setRestoring(null);
            action.clear();
            window.alert(message);
            backups.reload();
          }}
        />
      ) : null}
    </section>
  );
}
