import { roleNames } from '@relais/domain';
import type { AdminUser, CreateUserRequest, UpdateUserRequest } from '@relais/schema';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { Checkbox, Field } from '../ui/Field';
import { AdminError } from './AdminNotice';
import type { RequestError } from '../ui/json-client';

interface UserValues {
  username: string;
  display_name: string;
  email: string;
  role_name: string;
  is_active: boolean;
}

function initial(user: AdminUser | undefined): UserValues {
  return {
    username: user?.username ?? '',
    display_name: user?.display_name ?? '',
    email: user?.email ?? '',
    role_name: user?.role ?? 'viewer',
    is_active: user?.is_active ?? true,
  };
}

interface UserDialogProps {
  /** Absent: a new account. */
  user?: AdminUser | undefined;
  onCreate: (request: CreateUserRequest) => Promise<boolean>;
  onUpdate: (id: number, request: UpdateUserRequest) => Promise<boolean>;
  error: RequestError | null;
  busy: boolean;
  onClose: () => void;
}

/** Creates an account (its one-time password is shown next) or changes its name, e-mail, role and state. */
export function UserDialog({ user, onCreate, onUpdate, error, busy, onClose }: UserDialogProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<UserValues>(() => initial(user));
  const [missing, setMissing] = useState<(keyof UserValues)[]>([]);
  const set = <K extends keyof UserValues>(key: K, value: UserValues[K]): void => setValues((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const blank = (['username', 'display_name'] as const).filter((key) => values[key].trim() === '');
    setMissing(blank);
    if (blank.length > 0) {
      return;
    }
    const email = values.email.trim() === '' ? null : values.email.trim();
    const done = user
      ? onUpdate(user.id, { display_name: values.display_name.trim(), email, role_name: values.role_name, is_active: values.is_active })
      : onCreate({ username: values.username.trim(), display_name: values.display_name.trim(), email, role_name: values.role_name, is_active: values.is_active });
    void done.then((ok) => {
      if (ok) {
        onClose();
      }
    });
  };
  const required = (key: keyof UserValues) => (missing.includes(key) ? { key: 'validation.required' as const } : undefined);
  return (
    <Dialog title={user ? t('admin.users.editTitle', { name: user.display_name }) : t('admin.users.createTitle')} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={submit} data-testid="user-form">
        <div className="form-grid">
          <Field label={t('admin.users.username')} htmlFor="user-username" error={required('username')} span={2}>
            <input
              id="user-username"
              value={values.username}
              disabled={user !== undefined}
              autoComplete="off"
              onChange={(event) => set('username', event.target.value)}
            />
          </Field>
          <Field label={t('admin.users.displayName')} htmlFor="user-display-name" error={required('display_name')} span={2}>
            <input id="user-display-name" value={values.display_name} onChange={(event) => set('display_name', event.target.value)} />
          </Field>
          <Field label={t('admin.users.email')} htmlFor="user-email" span={2}>
            <input id="user-email" type="email" value={values.email} onChange={(event) => set('email', event.target.value)} />
          </Field>
          <Field label={t('admin.users.role')} htmlFor="user-role" span={2}>
            <select id="user-role" value={values.role_name} onChange={(event) => set('role_name', event.target.value)}>
              {roleNames.map((role) => (
                <option key={role} value={role}>
                  {translateKey(`roles.${role}`, role)}
                </option>
              ))}
            </select>
          </Field>
          <div className="field span-4">
            <Checkbox label={t('admin.users.activeLabel')} checked={values.is_active} onChange={(checked) => set('is_active', checked)} />
          </div>
        </div>
        <AdminError error={error} />
        <footer className="form-footer">
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="user-save">
            {user ? t('common.save') : t('admin.users.create')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

/** The one-time password of a new or reset account: shown once, to hand over. */
export function TemporaryPasswordDialog({ name, password, onClose }: { name: string; password: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('admin.users.passwordTitle', { name })} onClose={onClose}>
      <div className="form">
        <div className="form-body">
          <p>{t('admin.users.passwordOnce')}</p>
          <p className="temp-password" data-testid="temp-password">
            {password}
          </p>
        </div>
        <footer className="form-footer">
          <button
            type="button"
            className="button ghost"
            onClick={() => {
              void navigator.clipboard?.writeText(password);
            }}
          >
            {t('admin.users.copy')}
          </button>
          <button type="button" className="button primary" onClick={onClose}>
            {t('admin.users.passwordDone')}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
