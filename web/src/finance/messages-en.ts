/** English texts, downloaded only when English is chosen (`i18n/en.ts`); the French are beside them. */
import type { revenuMessages } from './messages';

export const revenuMessagesEn: (typeof revenuMessages)['fr'] = {
  title: 'Revenue per pallet',
  nav: 'Revenue',
  new: 'New revenue',
  createTitle: 'New revenue per pallet',
  editTitle: 'Edit revenue per pallet',
  empty: 'No revenue per pallet yet.',
  count: '{{n}} destination(s)',
  deleteConfirm: 'Delete the revenue per pallet to {{destination}}?',
  eurosHint: 'In euros, e.g. 42.50',
  fields: {
    destination: 'Destination',
    pays: 'Country',
    revenu_par_palette: 'Revenue per pallet (€)',
    date_debut: 'From',
    date_fin: 'To',
  },
};
