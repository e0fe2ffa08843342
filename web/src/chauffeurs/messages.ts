/** The texts of the chauffeur pages added with the planning data: French, merged into `fr.ts`; English in `messages-en.ts`, merged into `en.ts`. */
export const chauffeurMessages = {
  fr: {
    fields: {
      tracteur_attire: 'Tracteur attitré',
      zones_preferees: 'Zones préférées',
      sst_id: 'Sous-traitant',
      permis_validite: 'Permis valide jusqu’au',
      fimo_validite: 'FIMO valide jusqu’au',
      adr_validite: 'ADR valide jusqu’au',
      visite_medicale_validite: 'Visite médicale valide jusqu’au',
    },
    expiry: {
      column: 'Échéances',
      expired: 'Expiré depuis le {{date}} ({{n}} j)',
      soon: 'Expire le {{date}} (dans {{n}} j)',
      short: {
        permis_validite: 'Permis',
        fimo_validite: 'FIMO',
        adr_validite: 'ADR',
        visite_medicale_validite: 'Visite méd.',
      },
    },
  },
};

export const absenceMessages = {
  fr: {
    title: 'Absences de {{name}}',
    button: 'Absences',
    column: 'Absences',
    new: 'Ajouter une absence',
    createTitle: 'Nouvelle absence',
    editTitle: 'Modifier l’absence',
    empty: 'Aucune absence enregistrée.',
    deleteConfirm: 'Supprimer l’absence du {{from}} au {{to}} ?',
    calendar: { previous: 'Mois précédent', next: 'Mois suivant' },
    fields: {
      chauffeur_id: 'Chauffeur',
      date_debut: 'Du',
      date_fin: 'Au (inclus)',
      type_absence: 'Type',
      motif: 'Motif',
    },
    type: { conges: 'Congés', maladie: 'Maladie', formation: 'Formation', autre: 'Autre' },
  },
};

export const daySheetMessages = {
  fr: {
    title: 'Feuille de route',
    nav: 'Feuille de route',
    chauffeur: 'Chauffeur',
    day: 'Jour',
    print: 'Imprimer',
    empty: 'Aucune mission ce jour pour ce chauffeur.',
    pick: 'Choisissez un chauffeur et un jour.',
    time: 'Horaire',
    vehicle: 'Tracteur / remorque',
  },
};
