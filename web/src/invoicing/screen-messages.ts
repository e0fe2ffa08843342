/** The invoicing screens' names, under `invoicing.screens`: the header shows them before the module loads. */
const fr = {
  screens: {
    facturation: 'Tableau de bord',
    devis: 'Devis',
    factures: 'Factures',
    contacts: 'Contacts',
    articles: 'Articles',
    entreprises: 'Entreprises',
    facturerMissions: 'Facturer des missions',
  },
};

const en: typeof fr = {
  screens: {
    facturation: 'Dashboard',
    devis: 'Quotes',
    factures: 'Invoices',
    contacts: 'Contacts',
    articles: 'Items',
    entreprises: 'Companies',
    facturerMissions: 'Invoice missions',
  },
};

export const invoicingScreenMessages = { fr, en };
