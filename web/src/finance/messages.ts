/** The texts of the revenue per pallet page: merged into `fr.ts` / `en.ts`. */
export const revenuMessages = {
  fr: {
    title: 'Revenus par palette',
    nav: 'Revenus',
    new: 'Nouveau revenu',
    createTitle: 'Nouveau revenu par palette',
    editTitle: 'Modifier le revenu par palette',
    empty: 'Aucun revenu par palette pour l’instant.',
    count: '{{n}} destination(s)',
    deleteConfirm: 'Supprimer le revenu par palette vers {{destination}} ?',
    eurosHint: 'En euros, ex. 42,50',
    fields: {
      destination: 'Destination',
      pays: 'Pays',
      revenu_par_palette: 'Revenu par palette (€)',
      date_debut: 'Du',
      date_fin: 'Au',
    },
  },
  en: {
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
  },
};
