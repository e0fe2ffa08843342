import type { TFunction } from 'i18next';
import { WmsRequestError } from './wms-api';

/** The server's French message when it sent one (it names the failing step), else the catalogue's message for the code. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof WmsRequestError) {
    if (error.status === 0) {
      return t('wms.offline');
    }
    return error.message || `${t('wms.error')} (${error.status})`;
  }
  return t('wms.error');
}
