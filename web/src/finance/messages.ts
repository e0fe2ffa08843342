/** The texts of the revenue per pallet page: French, merged into `fr.ts`; English in `messages-en.ts`, merged into `en.ts`. */
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
};
