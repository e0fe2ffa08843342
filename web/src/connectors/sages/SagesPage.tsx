import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../auth/use-session';
import { useOnline } from '../../ui/use-online';
import { SagesConfig } from './SagesConfig';
import { SagesChantiers, SagesHeures } from './SagesData';
import { SagesJobs } from './SagesJobs';
import './sages.css';

type Tab = 'config' | 'jobs' | 'chantiers' | 'heures';

/**
 * The SAGES connector: its settings and jobs for administrators (`manage_connectors`), the hub's
 * chantiers and hours read-only for finance. Everything is read online from the server.
 */
export function SagesPage() {
  const { t } = useTranslation();
  const online = useOnline();
  const { permissions } = useSignedIn();
  const tabs: Tab[] = permissions.manage_connectors ? ['config', 'jobs', 'chantiers', 'heures'] : ['chantiers', 'heures'];
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'chantiers');
  return (
    <section className="page sages-page" data-testid="sages-page">
      <h2>{t('sages.title')}</h2>
      <p className="muted">{t('sages.intro')}</p>
      <div className="sages-tabs" role="tablist">
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={name === tab} className={`button ghost${name === tab ? ' active' : ''}`} onClick={() => setTab(name)}>
            {t(`sages.tabs.${name}`)}
          </button>
        ))}
      </div>
      {!online ? (
        <p role="status">{t('sages.offline')}</p>
      ) : tab === 'config' ? (
        <SagesConfig />
      ) : tab === 'jobs' ? (
        <SagesJobs />
      ) : tab === 'chantiers' ? (
        <SagesChantiers />
      ) : (
        <SagesHeures />
      )}
    </section>
  );
}
