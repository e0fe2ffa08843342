/** The texts of the chauffeur pages added with the planning data: merged into `fr.ts` / `en.ts`. */
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
  en: {
    fields: {
      tracteur_attire: 'Assigned tractor',
      zones_preferees: 'Preferred areas',
      sst_id: 'Subcontractor',
      permis_validite: 'Licence valid until',
      fimo_validite: 'FIMO valid until',
      adr_validite: 'ADR valid until',
      visite_medicale_validite: 'Medical check valid until',
    },
    expiry: {
      column: 'Expiry',
      expired: 'Expired since {{date}} ({{n}} d)',
      soon: 'Expires on {{date}} (in {{n}} d)',
      short: {
        permis_validite: 'Licence',
        fimo_validite: 'FIMO',
        adr_validite: 'ADR',
        visite_medicale_validite: 'Medical',
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
  en: {
    title: 'Absences of {{name}}',
    button: 'Absences',
    column: 'Absences',
    new: 'Add an absence',
    createTitle: 'New absence',
    editTitle: 'Edit absence',
    empty: 'No absence recorded.',
    deleteConfirm: 'Delete the absence from {{from}} to {{to}}?',
    calendar: { previous: 'Previous month', next: 'Next month' },
    fields: {
      chauffeur_id: 'Driver',
      date_debut: 'From',
      date_fin: 'To (included)',
      type_absence: 'Type',
      motif: 'Reason',
    },
    type: { conges: 'Leave', maladie: 'Sick', formation: 'Training', autre: 'Other' },
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
  en: {
    title: 'Day sheet',
    nav: 'Day sheet',
    chauffeur: 'Driver',
    day: 'Day',
    print: 'Print',
    empty: 'No mission that day for this driver.',
    pick: 'Choose a driver and a day.',
    time: 'Time',
    vehicle: 'Tractor / trailer',
  },
};
