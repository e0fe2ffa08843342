import type { AdminConfigResponse } from '@relais/schema';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { Field } from '../ui/Field';
import { ActionResult, AdminError } from './AdminNotice';
import { adminApi } from './admin-client';
import { ConfigSettingInput } from './ConfigSettingInput';
import { configChanges, editedSettings, formValuesOf, type ConfigFormValues } from './config-form';
import { useAdminAction, useAdminData } from './use-admin';

function shownSetting(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') {
    return none;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? none : value.map(String).join(', ');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? none : entries.map(([key, item]) => `${key} : ${String(item)}`).join(' · ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function ConfigForm({ config, onSaved }: { config: AdminConfigResponse; onSaved: (config: AdminConfigResponse) => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const [initial] = useState(() => formValuesOf(config.settings));
  const [values, setValues] = useState<ConfigFormValues>(initial);
  const changes = configChanges(initial, values);
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    let saved: AdminConfigResponse | undefined;
    void action
      .run(
        async () => {
          saved = await adminApi.updateConfig(changes);
        },
        () => t('admin.config.saved', { n: Object.keys(changes).length }),
      )
      .then((ok) => {
        if (ok && saved) {
          onSaved(saved);
        }
      });
  };
  const reset = (name: string): void => {
    let saved: AdminConfigResponse | undefined;
    void action
      .run(
        async () => {
          saved = await adminApi.resetSetting(name);
        },
        () => t('admin.config.resetDone', { name: translateKey(`admin.config.settings.${name}`, name) }),
      )
      .then((ok) => {
        if (ok && saved) {
          onSaved(saved);
        }
      });
  };
  return (
    <form className="admin-panel form" noValidate onSubmit={submit} data-testid="config-form">
      <h2>{t('admin.config.editable')}</h2>
      <p className="field-hint">{t('admin.config.editableHint')}</p>
      <div className="form-grid">
        {editedSettings.map(({ name, kind }) => (
          <Field
            key={name}
            label={translateKey(`admin.config.settings.${name}`, name)}
            htmlFor={`setting-${name}`}
            span={kind === 'roles' ? 4 : 2}
            hint={config.overridden.includes(name) ? t('admin.config.overridden') : undefined}
          >
            <div className="config-input">
              <ConfigSettingInput
                name={name}
                kind={kind}
                value={values[name]}
                isSet={config.settings[name] !== null}
                onChange={(value) => setValues((current) => ({ ...current, [name]: value }))}
              />
              {config.overridden.includes(name) ? (
                <button type="button" className="button small ghost" onClick={() => reset(name)} title={t('admin.config.resetTitle')}>
                  {t('admin.config.reset')}
                </button>
              ) : null}
            </div>
          </Field>
        ))}
      </div>
      <ActionResult notice={action.notice} error={action.error} />
      <footer className="form-footer">
        <span className="field-hint">{t('admin.config.schedulesHint')}</span>
        <button type="submit" className="button primary" data-testid="config-save" disabled={action.busy || Object.keys(changes).length === 0}>
          {t('common.save')}
        </button>
      </footer>
    </form>
  );
}

/** The configuration in force (secrets masked) and the settings an administrator changes without a restart. */
export function ConfigPage() {
  const { t } = useTranslation();
  const loaded = useAdminData(adminApi.config);
  const [saved, setSaved] = useState<{ config: AdminConfigResponse; generation: number } | null>(null);
  const config = saved?.config ?? loaded.data;
  const edited = new Set<string>(editedSettings.map((setting) => setting.name));
  return (
    <section className="page admin-page" data-testid="admin-config">
      <div className="toolbar">
        <h1>{t('admin.screens.adminConfig')}</h1>
        {config ? <span className="toolbar-info">{t('admin.config.version', { version: config.app_version })}</span> : null}
      </div>
      <AdminError error={loaded.error} />
      {config ? (
        <div className="admin-config">
          <ConfigForm key={saved?.generation ?? 0} config={config} onSaved={(next) => setSaved((current) => ({ config: next, generation: (current?.generation ?? 0) + 1 }))} />
          <div className="admin-panel">
            <h2>{t('admin.config.inForce')}</h2>
            <dl className="config-list">
              {Object.entries(config.settings)
                .filter(([name]) => !edited.has(name))
                .map(([name, value]) => (
                  <div key={name}>
                    <dt>{translateKey(`admin.config.settings.${name}`, name)}</dt>
                    <dd>{config.secrets.includes(name) && value !== null ? t('admin.config.masked') : shownSetting(value, t('common.none'))}</dd>
                  </div>
                ))}
            </dl>
          </div>
        </div>
      ) : loaded.error ? null : (
        <p className="empty">{t('common.loading')}</p>
      )}
    </section>
  );
}
