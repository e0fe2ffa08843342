/** The texts of the voyage pages added with the planning data: merged into `fr.ts` / `en.ts`. */
export const voyageMessages = {
  fr: {
    fields: {
      duree_conduite_min: 'Conduite (h:mm)',
      competences_requises: 'Compétences requises',
      permis_requis: 'Permis requis',
      type_mission: 'Type de mission',
      chauffeur_habituel_id: 'Chauffeur habituel',
    },
    dureeHint: 'Temps de conduite prévu, ex. 4:30',
    requirementsColumn: 'Exigences',
    generate: {
      button: 'Générer les missions',
      title: 'Générer les missions',
      from: 'Du',
      to: 'Au (inclus)',
      assignUsual: 'Affecter le chauffeur habituel',
      submit: 'Générer',
      result: '{{created}} mission(s) créée(s), {{skipped}} déjà planifiée(s) ignorée(s).',
      invalidRange: 'Période invalide.',
    },
  },
  en: {
    fields: {
      duree_conduite_min: 'Driving (h:mm)',
      competences_requises: 'Required skills',
      permis_requis: 'Required licence',
      type_mission: 'Mission type',
      chauffeur_habituel_id: 'Usual driver',
    },
    dureeHint: 'Planned driving time, e.g. 4:30',
    requirementsColumn: 'Requirements',
    generate: {
      button: 'Generate missions',
      title: 'Generate missions',
      from: 'From',
      to: 'To (included)',
      assignUsual: 'Assign the usual driver',
      submit: 'Generate',
      result: '{{created}} mission(s) created, {{skipped}} already planned skipped.',
      invalidRange: 'Invalid period.',
    },
  },
};
