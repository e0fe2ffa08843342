import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { AdminError } from './AdminNotice';
import type { BackupItem } from './admin-api';
import { adminApi } from './admin-client';
import { formatInstant } from './admin-format';
import { useAdminAction } from './use-admin';

/** Restoring replaces every document of the server: the administrator types the confirmation word first. */
export function RestoreDialog({ backup, onClose, onRestored }: { backup: BackupItem; onClose: () => void; onRestored: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const action = useAdminAction();
  const [typed, setTyped] = useState('');
  const word = t('admin.backups.restoreWord');
  const confirmed = typed.trim().toLocaleUpperCase(i18n.language) === word.toLocaleUpperCase(i18n.language);
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!confirmed) {
      return;
    }
    void action.run(
      () => adminApi.restoreBackup(backup.filename),
      (result) => {
        const message = t('admin.backups.restored', { date: formatInstant(result.restored_at, i18n.language) });
        onRestored(message);
        return message;
      },
    );
  };
  return (
    <Dialog title={t('admin.backups.restoreTitle')} onClose={onClose}>
      <form className="form" noValidate onSubmit={submit} data-testid="restore-form">
        <div className="form-body">
          <p>{t('admin.backups.restoreWarning', { date: formatInstant(backup.created_at, i18n.language), description: backup.description || t('common.none') })}</p>
          <Field label={t('admin.backups.restoreType', { word })} htmlFor="restore-confirm">
            <input id="restore-confirm" data-testid="restore-confirm" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
          </Field>
          <AdminError error={action.error} />
        </div>
        <footer className="form-footer">
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button danger" disabled={!confirmed || action.busy} data-testid="restore-submit">
            {action.busy ? t('admin.backups.restoring') : t('admin.backups.restore')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
