/** The "À revoir" lane: missions the server refused, kept on this PC until fixed or discarded. */
export const reviewMessages = {
  fr: {
    title: 'À revoir ({{n}})',
    hint: 'Refusées par le serveur, gardées sur ce poste : corrigez-les puis renvoyez-les, ou abandonnez-les.',
    refused: 'Refusée',
    creation: 'création',
    update: 'modification',
    reason: 'Raison : {{message}}',
    noChauffeur: 'sans chauffeur',
    fix: 'Corriger',
    resend: 'Renvoyer tel quel',
    discard: 'Abandonner',
    discardConfirm: 'Abandonner définitivement la mission {{name}} ? Elle ne sera jamais envoyée.',
    fixTitle: 'Corriger la mission refusée',
    failed: 'Action impossible : {{message}}',
  },
};
