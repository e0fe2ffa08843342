import type { WmsConnectionInput, WmsConnectionView } from '@relais/schema';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  initial: WmsConnectionView | null;
  onSave: (input: WmsConnectionInput) => Promise<void>;
  onCancel: () => void;
}

type Draft = Record<string, string>;

function draftOf(view: WmsConnectionView | null): Draft {
  return {
    name: view?.name ?? '',
    ssh_host: view?.ssh_host ?? '',
    ssh_port: String(view?.ssh_port ?? 22),
    ssh_user: view?.ssh_user ?? '',
    ssh_auth: view?.ssh_auth ?? 'password',
    ssh_secret: '',
    ssh_passphrase: '',
    db_host: view?.db_host ?? '127.0.0.1',
    db_port: String(view?.db_port ?? 3306),
    db_user: view?.db_user ?? '',
    db_password: '',
    db_name: view?.db_name ?? 'ntl_wms',
    tables: (view?.tables ?? ['expedition', 'reception']).join(', '),
    backup_dir: view?.backup_dir ?? '',
    remote_temp_dir: view?.remote_temp_dir ?? '/tmp',
    backup_schedule: view?.backup_schedule ?? '0 2 * * *',
    restore_test_schedule: view?.restore_test_schedule ?? 'off',
    keep_daily: String(view?.keep_daily ?? 7),
    keep_weekly: String(view?.keep_weekly ?? 4),
    keep_monthly: String(view?.keep_monthly ?? 6),
  };
}

function inputOf(draft: Draft, view: WmsConnectionView | null): WmsConnectionInput {
  const text = (key: string): string => draft[key] ?? '';
  const secret = (key: string): string | undefined => (text(key) === '' ? undefined : text(key));
  return {
    name: text('name'),
    ssh_host: text('ssh_host'),
    ssh_port: Number(text('ssh_port')),
    ssh_user: text('ssh_user'),
    ssh_auth: text('ssh_auth') === 'key' ? 'key' : 'password',
    ssh_secret: secret('ssh_secret'),
    ssh_passphrase: secret('ssh_passphrase'),
    host_fingerprint: view?.host_fingerprint ?? null,
    db_host: text('db_host'),
    db_port: Number(text('db_port')),
    db_user: text('db_user'),
    db_password: secret('db_password'),
    db_name: text('db_name'),
    tables: text('tables')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    backup_dir: text('backup_dir'),
    remote_temp_dir: text('remote_temp_dir'),
    backup_schedule: text('backup_schedule'),
    restore_test_schedule: text('restore_test_schedule'),
    keep_daily: Number(text('keep_daily')),
    keep_weekly: Number(text('keep_weekly')),
    keep_monthly: Number(text('keep_monthly')),
  };
}

/** Creates or edits a connection; secrets are write-only (left empty: unchanged). */
export function WmsConnectionForm({ initial, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [busy, setBusy] = useState(false);
  const field = (key: string, label: string, options: { type?: string; multiline?: boolean; placeholder?: string } = {}) => (
    <label className="wms-field" key={key}>
      <span>{label}</span>
      {options.multiline ? (
        <textarea value={draft[key] ?? ''} placeholder={options.placeholder} rows={3} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
      ) : (
        <input type={options.type ?? 'text'} value={draft[key] ?? ''} placeholder={options.placeholder} autoComplete="off" onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
      )}
    </label>
  );
  const kept = initial ? t('wms.secretKept') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    void onSave(inputOf(draft, initial)).finally(() => setBusy(false));
  };
  return (
    <form className="wms-form" onSubmit={submit} data-testid="wms-form">
      <div className="wms-grid">
        {field('name', t('wms.name'))}
        {field('ssh_host', t('wms.host'))}
        {field('ssh_port', t('wms.port'), { type: 'number' })}
        {field('ssh_user', t('wms.user'))}
        <label className="wms-field">
          <span>{t('wms.auth')}</span>
          <select value={draft['ssh_auth']} onChange={(event) => setDraft({ ...draft, ssh_auth: event.target.value })}>
            <option value="password">{t('wms.authPassword')}</option>
            <option value="key">{t('wms.authKey')}</option>
          </select>
        </label>
        {draft['ssh_auth'] === 'key'
          ? field('ssh_secret', t('wms.authKey'), { multiline: true, placeholder: kept })
          : field('ssh_secret', t('wms.authPassword'), { type: 'password', placeholder: kept })}
        {draft['ssh_auth'] === 'key' ? field('ssh_passphrase', t('wms.passphrase'), { type: 'password', placeholder: kept }) : null}
        {field('db_host', t('wms.dbHost'))}
        {field('db_port', t('wms.dbPort'), { type: 'number' })}
        {field('db_user', t('wms.dbUser'))}
        {field('db_password', t('wms.dbPassword'), { type: 'password', placeholder: kept })}
        {field('db_name', t('wms.dbName'))}
        {field('tables', t('wms.tables'))}
        {field('backup_dir', t('wms.backupDir'))}
        {field('remote_temp_dir', t('wms.remoteTemp'))}
        {field('backup_schedule', t('wms.backupSchedule'))}
        {field('restore_test_schedule', t('wms.restoreTestSchedule'))}
        <div className="wms-field">
          <span>{t('wms.retention')}</span>
          <div className="wms-retention">
            {(['keep_daily', 'keep_weekly', 'keep_monthly'] as const).map((key) => (
              <input key={key} type="number" min={0} aria-label={t(`wms.keep.${key}`)} value={draft[key] ?? ''} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
            ))}
          </div>
        </div>
      </div>
      <div className="wms-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('wms.save')}
        </button>
        <button type="button" className="button ghost" onClick={onCancel}>
          {t('wms.cancel')}
        </button>
      </div>
    </form>
  );
}
