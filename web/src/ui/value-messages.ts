/**
 * What the app says of a stored value, wherever it reports a change (the sync panel, the journal):
 * enum values in words, a document that cannot be named, the refusals kept on this PC.
 */
export const valueMessages = {
  fr: {
    statut: {
      planifie: 'planifiée',
      en_cours: 'en cours',
      termine: 'terminée',
      annule: 'annulée',
      brouillon: 'brouillon',
      envoye: 'envoyé',
      accepte: 'accepté',
      refuse: 'refusé',
      expire: 'expiré',
      validee: 'validée',
    },
    type_mission: { livraison: 'livraison', ramasse: 'ramasse', transfert: 'transfert', autre: 'autre' },
    type_absence: { conges: 'congés', maladie: 'maladie', formation: 'formation', autre: 'autre motif' },
    type_contrat: { CDI: 'CDI', CDD: 'CDD', interim: 'intérim' },
    type: { facture: 'facture', acompte: 'acompte', avoir: 'avoir', societe: 'société', particulier: 'particulier' },
    mode: { virement: 'virement', cheque: 'chèque', carte: 'carte', especes: 'espèces', prelevement: 'prélèvement' },
    regime_tva: { normale: 'normale', franchise: 'franchise', autoliquidation: 'autoliquidation' },
    unite_tarif: { voyage: 'par voyage', palette: 'par palette', km: 'au km' },
    unknown: {
      missions: 'une mission',
      chauffeurs: 'un chauffeur',
      voyages: 'un voyage',
      disponibilites: 'une absence',
      sst: 'un sous-traitant',
      revenus_palettes: 'un revenu par palette',
      entreprises: 'une entreprise',
      contacts: 'un contact',
      articles: 'un article',
      devis: 'un devis',
      factures: 'une facture',
      reglements: 'un règlement',
      other: 'un élément',
    },
    draftOf: 'Brouillon du {{date}}',
  },
};
