import { useTranslation } from 'react-i18next';
import { errorKey } from '../i18n/errors';
import type { RequestError } from '../ui/json-client';

/** Why a call was refused: the catalogue's message for its code, then the server's own words. */
export function AdminError({ error }: { error: RequestError | null }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const known = t(errorKey(error.code));
  return (
    <p className="admin-error" role="alert" data-testid="admin-error">
      <strong>{known}</strong>
      {error.message && error.message !== known ? <span> {error.message}</span> : null}
    </p>
  );
}

/** What the last action did, or why it was refused. */
export function ActionResult({ notice, error }: { notice: string | null; error: RequestError | null }) {
  return (
    <>
      {notice ? (
        <p className="admin-notice" role="status" data-testid="admin-notice">
          {notice}
        </p>
      ) : null}
      <AdminError error={error} />
    </>
  );
}
