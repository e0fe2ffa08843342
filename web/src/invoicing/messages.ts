/** The texts of the invoicing module's shell: merged into `fr.ts` / `en.ts` under `invoicing`. */
export const invoicingMessages = {
  fr: {
    nav: 'Facturation',
    screens: {
      facturation: 'Tableau de bord',
      devis: 'Devis',
      factures: 'Factures',
      contacts: 'Contacts',
      articles: 'Articles',
      entreprises: 'Entreprises',
    },
  },
  en: {
    nav: 'Invoicing',
    screens: {
      facturation: 'Dashboard',
      devis: 'Quotes',
      factures: 'Invoices',
      contacts: 'Contacts',
      articles: 'Items',
      entreprises: 'Companies',
    },
  },
};
