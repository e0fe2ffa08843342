import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sagesApi, type ConnectionTestResult, type SagesSettings } from './sages-api';
import { RequestError } from '../../ui/json-client';

const masked = '********';

function TestResult({ result }: { result: ConnectionTestResult }) {
  const { t } = useTranslation();
  return (
    <div className={`sages-test ${result.ok ? 'ok' : 'failed'}`} role="status" data-testid="sages-test-result">
      <strong>{result.ok ? t('sages.testOk') : t('sages.testFailed')}</strong>
      <ul>
        {result.steps.map((step, index) => (
          <li key={index} className={step.ok ? 'ok' : 'failed'}>
            {step.ok ? '✓' : '✗'} {step.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The connector's settings, secrets shown as "saved" and never sent back in clear, with a test per side. */
export function SagesConfig() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<SagesSettings | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [tests, setTests] = useState<Partial<Record<'sql-server' | 'batisimply', ConnectionTestResult | 'running'>>>({});

  useEffect(() => {
    sagesApi.config().then(
      (answer) => setSettings(answer.settings),
      (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
    );
  }, []);

  if (settings === null) return <p className="muted">{message ?? t('sages.loading')}</p>;
  const sql = settings.sqlServer;
  const bs = settings.batisimply;
  const setSql = (change: Partial<SagesSettings['sqlServer']>) => setSettings({ ...settings, sqlServer: { ...sql, ...change } });
  const setBs = (change: Partial<SagesSettings['batisimply']>) => setSettings({ ...settings, batisimply: { ...bs, ...change } });
  const text = (label: string, value: string, change: (value: string) => void, secret = false) => (
    <label className="sages-field">
      <span>{label}</span>
      <input type={secret ? 'password' : 'text'} value={value} placeholder={secret && value === masked ? t('sages.secretSet') : undefined} autoComplete="off" onChange={(event) => change(event.target.value)} />
    </label>
  );

  async function save(): Promise<void> {
    if (settings === null) return;
    try {
      const answer = await sagesApi.saveConfig(settings);
      setSettings(answer.settings);
      setMessage(t('sages.saved'));
    } catch (error) {
      setMessage(error instanceof RequestError ? error.message : String(error));
    }
  }

  async function test(side: 'sql-server' | 'batisimply'): Promise<void> {
    setTests((current) => ({ ...current, [side]: 'running' }));
    try {
      const result = await sagesApi.test(side);
      setTests((current) => ({ ...current, [side]: result }));
    } catch (error) {
      setTests((current) => ({ ...current, [side]: { ok: false, steps: [{ step: 'configuration', ok: false, message: error instanceof Error ? error.message : String(error) }] } }));
    }
  }

  const testButton = (side: 'sql-server' | 'batisimply') => {
    const state = tests[side];
    return (
      <div className="sages-test-row">
        <button type="button" className="button" data-testid={`sages-test-${side}`} disabled={state === 'running'} onClick={() => void test(side)}>
          {state === 'running' ? t('sages.testing') : t('sages.test')}
        </button>
        {state !== undefined && state !== 'running' ? <TestResult result={state} /> : null}
      </div>
    );
  };

  return (
    <form
      className="sages-config"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>{t('sages.sqlServer')}</legend>
        {text(t('sages.host'), sql.host, (host) => setSql({ host }))}
        {text(t('sages.port'), sql.port === null ? '' : String(sql.port), (port) => setSql({ port: port === '' ? null : Number(port) }))}
        {text(t('sages.instance'), sql.instance, (instance) => setSql({ instance }))}
        {text(t('sages.database'), sql.database, (database) => setSql({ database }))}
        {text(t('sages.user'), sql.user, (user) => setSql({ user }))}
        {text(t('sages.password'), sql.password, (password) => setSql({ password }), true)}
        <label className="sages-check">
          <input type="checkbox" checked={sql.encrypt} onChange={(event) => setSql({ encrypt: event.target.checked })} /> {t('sages.encrypt')}
        </label>
        <label className="sages-check">
          <input type="checkbox" checked={sql.trustServerCertificate} onChange={(event) => setSql({ trustServerCertificate: event.target.checked })} /> {t('sages.trust')}
        </label>
        {testButton('sql-server')}
      </fieldset>
      <fieldset>
        <legend>{t('sages.batisimply')}</legend>
        {text(t('sages.tokenUrl'), bs.tokenUrl, (tokenUrl) => setBs({ tokenUrl }))}
        {text(t('sages.apiUrl'), bs.apiUrl, (apiUrl) => setBs({ apiUrl }))}
        <label className="sages-field">
          <span>{t('sages.grant')}</span>
          <select value={bs.grant} onChange={(event) => setBs({ grant: event.target.value === 'client_credentials' ? 'client_credentials' : 'password' })}>
            <option value="password">{t('sages.grantPassword')}</option>
            <option value="client_credentials">{t('sages.grantClient')}</option>
          </select>
        </label>
        {text(t('sages.clientId'), bs.clientId, (clientId) => setBs({ clientId }))}
        {text(t('sages.clientSecret'), bs.clientSecret, (clientSecret) => setBs({ clientSecret }), true)}
        {bs.grant === 'password' ? text(t('sages.username'), bs.username, (username) => setBs({ username })) : null}
        {bs.grant === 'password' ? text(t('sages.password'), bs.password, (password) => setBs({ password }), true) : null}
        {testButton('batisimply')}
      </fieldset>
      <fieldset>
        <legend>{t('sages.general')}</legend>
        {text(t('sages.windowDays'), String(settings.windowDays), (value) => setSettings({ ...settings, windowDays: Number(value) || 0 }))}
        {text(t('sages.timeZone'), settings.timeZone, (timeZone) => setSettings({ ...settings, timeZone }))}
        {text(t('sages.batchSize'), String(settings.batchSize), (value) => setSettings({ ...settings, batchSize: Number(value) || 0 }))}
        <p className="muted">{t('sages.schedulesHint')}</p>
      </fieldset>
      <div className="sages-actions">
        <button type="submit" className="button primary" data-testid="sages-save">
          {t('sages.save')}
        </button>
        {message ? <span role="status">{message}</span> : null}
      </div>
    </form>
  );
}
