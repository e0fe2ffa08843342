export const missionStatutValues = ['planifie', 'en_cours', 'termine', 'annule'] as const;
export const typeMissionValues = ['livraison', 'ramasse', 'transfert', 'autre'] as const;
