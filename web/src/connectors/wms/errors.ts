import type { TFunction } from 'i18next';
import { RequestError } from '../../ui/json-client';

/** The server's French message when it sent one (it names the failing step), else the catalogue's message for the code. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof RequestError) {
    if (error.code === 'NETWORK') {
      return t('wms.offline');
    }
    const fromServer = error.code !== 'HTTP_ERROR';
    return (fromServer && error.message) || `${t('wms.error')} (${error.status})`;
  }
  return t('wms.error');
}
