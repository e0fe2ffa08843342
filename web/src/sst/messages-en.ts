/** English texts, downloaded only when English is chosen (`i18n/en.ts`); the French are beside them. */
import type { sstMessages } from './messages';

export const sstMessagesEn: (typeof sstMessages)['fr'] = {
  title: 'Subcontractors',
  nav: 'Subcontractors',
  new: 'New subcontractor',
  createTitle: 'New subcontractor',
  editTitle: 'Edit subcontractor',
  empty: 'No subcontractor yet.',
  count: '{{n}} subcontractor(s)',
  deleteConfirm: 'Delete the subcontractor {{name}}?',
  primaryContact: 'Main contact',
  fields: {
    code: 'Code',
    nom: 'Name',
    raison_sociale: 'Company name',
    telephone: 'Phone',
    email: 'E-mail',
    adresse: 'Address',
    is_active: 'Active',
    commentaire: 'Comment',
    contacts: 'Contacts',
    tarifs: 'Tariffs',
  },
  contact: { email: 'E-mail', nom_contact: 'Name', fonction: 'Position', is_primary: 'Main', add: 'Add a contact' },
  tarif: {
    destination: 'Destination',
    pays: 'Country',
    prix: 'Price (€)',
    unite: 'Unit',
    date_debut: 'From',
    date_fin: 'To',
    add: 'Add a tariff',
  },
  unite: { voyage: 'run', palette: 'pallet', km: 'km' },
};
