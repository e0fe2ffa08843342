import { sagesMessages } from '../connectors/sages/messages';
import { wmsMessages } from '../connectors/wms/messages';
import { adminMessages } from './messages';

/** The console's texts and its connectors' (WMS, SAGES), downloaded with the console. */
export const adminCatalogue = {
  fr: { admin: adminMessages.fr, wms: wmsMessages.fr, sages: sagesMessages.fr },
  en: { admin: adminMessages.en, wms: wmsMessages.en, sages: sagesMessages.en },
};
