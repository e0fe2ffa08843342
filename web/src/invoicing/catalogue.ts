import { invoicingDocumentsMessages } from './documents/messages';
import { invoicingMessages } from './messages';

/** The invoicing module's texts, downloaded with the module. */
export const invoicingCatalogue = {
  fr: { invoicing: invoicingMessages.fr, invoicingDocuments: invoicingDocumentsMessages.fr },
  en: { invoicing: invoicingMessages.en, invoicingDocuments: invoicingDocumentsMessages.en },
};
