import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnoncesConfig } from './annonces-api';
import { annoncesApi } from './annonces-client';
import { errorOf, useServerRead } from './use-annonces';

function ConfigEditor({ initial, onSaved }: { initial: AnnoncesConfig; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [subject, setSubject] = useState(initial.subject_template);
  const [body, setBody] = useState(initial.body_template);
  const [state, setState] = useState<{ status: 'idle' | 'saving' | 'saved' } | { status: 'error'; text: string }>({ status: 'idle' });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setState({ status: 'saving' });
    annoncesApi.saveConfig({ subject_template: subject, body_template: body }).then(
      () => {
        setState({ status: 'saved' });
        onSaved();
      },
      (error: unknown) => {
        const { code, message } = errorOf(error);
        setState({ status: 'error', text: code === 'VALIDATION_FAILED' ? message : t(`errors.${code}`, { defaultValue: message }) });
      },
    );
  }

  return (
    <form className="annonces-config" data-testid="annonces-config" onSubmit={submit}>
      <label>
        {t('annonces.configSubject')}
        <input value={subject} maxLength={300} required onChange={(event) => setSubject(event.target.value)} />
      </label>
      <label>
        {t('annonces.configBody')}
        <textarea value={body} rows={8} maxLength={10000} required onChange={(event) => setBody(event.target.value)} />
      </label>
      <p className="muted">{t('annonces.configHelp')}</p>
      {initial.updated_at ? (
        <p className="muted">{t('annonces.configUpdated', { at: new Date(initial.updated_at).toLocaleString(i18n.language), by: initial.updated_by ?? '' })}</p>
      ) : null}
      <button type="submit" className="button" disabled={state.status === 'saving'}>
        {t('annonces.configSave')}
      </button>
      {state.status === 'saved' ? <span role="status"> {t('annonces.configSaved')}</span> : null}
      {state.status === 'error' ? <span role="alert"> {state.text}</span> : null}
    </form>
  );
}

/** The subject and body templates, for `manage_announcements_config`; a save reloads the preview. */
export function AnnoncesConfigForm({ online, onSaved }: { online: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const config = useServerRead(`config#${version}`, online, () => annoncesApi.config());
  return (
    <details className="annonces-config-box">
      <summary>{t('annonces.configTitle')}</summary>
      {config.status === 'ready' ? (
        <ConfigEditor
          key={config.data.updated_at ?? 'defaut'}
          initial={config.data}
          onSaved={() => {
            setVersion((value) => value + 1);
            onSaved();
          }}
        />
      ) : config.status === 'error' ? (
        <p role="alert">{t(`errors.${config.code}`, { defaultValue: config.message })}</p>
      ) : (
        <p className="muted">{t('annonces.loading')}</p>
      )}
    </details>
  );
}
