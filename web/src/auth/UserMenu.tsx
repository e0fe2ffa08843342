import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { useSyncStatus } from '../sync/hooks';
import { logger } from '../ui/logger';
import { signOut } from './sign-out';
import { useSignedIn } from './use-session';

/** The signed-in user (name, role) and the sign-out, with the wipe of this device's data for shared PCs. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, hasToken } = useSignedIn();
  const status = useSyncStatus();
  const [open, setOpen] = useState(false);
  const [wipe, setWipe] = useState(false);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const roleLabel = translateKey(`roles.${user.role}`, user.role);

  useEffect(() => {
    if (!open) {
      return undefined;
    }
    const closeOnEscape = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        setOpen(false);
      }
    };
    const closeOnOutsideClick = (event: MouseEvent): void => {
      if (root.current && event.target instanceof Node && !root.current.contains(event.target)) {
        setOpen(false);
      }
    };
    window.addEventListener('keydown', closeOnEscape);
    window.addEventListener('mousedown', closeOnOutsideClick);
    return () => {
      window.removeEventListener('keydown', closeOnEscape);
      window.removeEventListener('mousedown', closeOnOutsideClick);
    };
  }, [open]);

  const leave = (): void => {
    setBusy(true);
    signOut({ wipe }).catch((error: unknown) => {
      logger.error('déconnexion incomplète', error);
      setBusy(false);
    });
  };

  return (
    <div className="user-anchor" ref={root}>
      <button
        type="button"
        className={hasToken ? 'user-button' : 'user-button is-offline'}
        data-testid="user-menu"
        data-username={user.username}
        data-role={user.role}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-name">{user.display_name}</span>
        <span className="user-role">{roleLabel}</span>
      </button>
      {open ? (
        <section className="user-panel" role="dialog" aria-label={t('userMenu.title', { name: user.display_name })}>
          <p className="user-identity">
            <strong>{user.display_name}</strong>
            <span className="muted">
              {user.username} · {roleLabel}
            </span>
          </p>
          {!hasToken ? <p className="muted">{t('userMenu.offlineSession')}</p> : null}
          <label className="checkbox">
            <input type="checkbox" data-testid="logout-wipe" checked={wipe} onChange={(event) => setWipe(event.target.checked)} />
            <span>{t('userMenu.wipe')}</span>
          </label>
          {wipe && status.pending > 0 ? <p className="user-warning">{t('userMenu.wipeLosesPending', { n: status.pending })}</p> : null}
          <div className="sync-panel-actions">
            <button type="button" className="button primary" data-testid="logout" onClick={leave} disabled={busy}>
              {busy ? t('userMenu.signingOut') : t('userMenu.signOut')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
