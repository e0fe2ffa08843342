/** The texts of the voyage pages added with the planning data: French, merged into `fr.ts`; English in `messages-en.ts`, merged into `en.ts`. */
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
      created: '{{n}} mission(s) créée(s)',
      unassigned: 'dont {{n}} sans chauffeur : le chauffeur habituel n’est pas disponible ce jour-là',
      unassignedEntry: '{{mission}} ({{voyage}}) — {{reason}}',
      skipped: '{{n}} jour(s) déjà planifié(s), ignoré(s)',
      pastDays: '{{n}} jour(s) passé(s) ignoré(s) : modifier le planning passé demande un droit que vous n’avez pas',
      onServer: 'Sur le serveur : {{n}} / {{total}}',
      waiting: 'En attente d’envoi : {{n}}',
      refused: 'Refusée(s) par le serveur : {{n}} — gardée(s) sur ce poste, dans « À revoir » (Missions et Planning)',
      invalidRange: 'Période invalide.',
    },
  },
};
