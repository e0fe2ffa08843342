import type { Facture } from '@relais/schema';
import type { DevisStatut } from './life-cycle';
import type { InvoicingRule } from './write-rules';

/** "La facture FA-2026-00012", "L’avoir AV-2026-00003", "La facture d’acompte …". */
function factureLabel(type: Facture['type_facture'], numero: string): string {
  switch (type) {
    case 'avoir':
      return `L’avoir ${numero}`;
    case 'acompte':
      return `La facture d’acompte ${numero}`;
    case 'facture':
      return `La facture ${numero}`;
  }
}

const devisStatutLabels: Record<DevisStatut, string> = {
  brouillon: 'brouillon',
  envoye: 'envoyé',
  accepte: 'accepté',
  refuse: 'refusé',
  expire: 'expiré',
};

function immutableText(params: Extract<InvoicingRule, { code: 'FACTURE_VALIDEE_IMMUABLE' }>['params']): string {
  const label = factureLabel(params.type_facture, params.numero);
  const feminine = params.type_facture !== 'avoir';
  const remedy = feminine ? 'émettez un avoir' : 'émettez une nouvelle facture';
  const state = `${label} est ${feminine ? 'validée' : 'validé'} : ${feminine ? 'elle' : 'il'}`;
  return params.change === 'brouillon'
    ? `${state} ne peut pas redevenir un brouillon ; ${remedy}`
    : `${state} ne peut plus être ${feminine ? 'modifiée ni supprimée' : 'modifié ni supprimé'} ; ${remedy}`;
}

/**
 * A broken invoicing rule in French, with the document's own words (its number, its gender): the
 * server's answer to any writer (PWA, REST client, connector). The PWA shows its catalogued message.
 */
export function invoicingRuleMessage(rule: InvoicingRule): string {
  switch (rule.code) {
    case 'FACTURE_VALIDEE_IMMUABLE':
      return immutableText(rule.params);
    case 'FACTURE_NEGATIVE':
      return `Le total de cette ${rule.params.type_facture === 'acompte' ? 'facture d’acompte' : 'facture'} est négatif (${rule.params.total} TTC) : une facture ne rend pas d’argent, faites un avoir`;
    case 'ENTREPRISE_INCONNUE':
      return 'L’entreprise émettrice est introuvable ou supprimée : la facture ne peut pas être validée';
    case 'CONTACT_INCONNU':
      return 'Le client de la facture est introuvable ou supprimé : elle ne peut pas être validée';
    case 'CONTACT_AUTRE_ENTREPRISE':
      return `Ce client n’est pas un client de ${rule.params.entreprise} : la facture ne peut pas être validée`;
    case 'CONTACT_SANS_ADRESSE_ELECTRONIQUE':
      return `Le client ${rule.params.contact} n’a pas d’adresse de facturation électronique : renseignez sur sa fiche son SIREN (entreprise française), son numéro de TVA intracommunautaire (entreprise étrangère) ou son adresse e-mail, puis validez à nouveau`;
    case 'LIGNE_EXONEREE_SANS_MOTIF':
      return `La ligne « ${rule.params.ligne} » est exonérée de TVA sans motif : choisissez le motif d’exonération (article du CGI) ou saisissez-le, puis validez à nouveau`;
    case 'EXPORT_SANS_TVA_ENTREPRISE':
      return `Exportation hors de l’Union européenne (ligne « ${rule.params.ligne} ») : renseignez le numéro de TVA intracommunautaire de l’entreprise ${rule.params.entreprise} sur sa fiche, puis validez à nouveau`;
    case 'LIVRAISON_UE_SANS_TVA_ENTREPRISE':
      return `Livraison intracommunautaire (ligne « ${rule.params.ligne} ») : renseignez le numéro de TVA intracommunautaire de l’entreprise ${rule.params.entreprise} sur sa fiche, puis validez à nouveau`;
    case 'LIVRAISON_UE_SANS_TVA_CLIENT':
      return `Livraison intracommunautaire (ligne « ${rule.params.ligne} ») : renseignez le numéro de TVA intracommunautaire du client ${rule.params.contact} sur sa fiche, puis validez à nouveau`;
    case 'LIVRAISON_UE_SANS_DATE':
      return `Livraison intracommunautaire (ligne « ${rule.params.ligne} ») : renseignez la date de livraison des biens (« Date de prestation » de la facture), puis validez à nouveau`;
    case 'LIVRAISON_UE_HORS_UE':
      return `Livraison intracommunautaire (ligne « ${rule.params.ligne} ») : les biens sont livrés dans un autre pays de l’Union européenne, or le pays de l’adresse de livraison est « ${rule.params.pays} » ; renseignez l’adresse de livraison (sur la facture ou la fiche du client), puis validez à nouveau`;
    case 'AVOIR_FACTURE_ORIGINE_INVALIDE':
      return rule.params.raison === 'non_validee'
        ? 'Un avoir annule une facture (ou une facture d’acompte) validée : la facture citée ne l’est pas'
        : `Un avoir reprend l’entreprise et le client de la facture qu’il annule (${rule.params.numero})`;
    case 'AVOIR_DEPASSE_FACTURE':
      return `Les avoirs de la facture ${rule.params.numero} atteindraient ${rule.params.credite} TTC, plus que la facture elle-même (${rule.params.facture} TTC)`;
    case 'DEVIS_FACTURE':
      return `Le devis ${rule.params.numero} est repris par la facture ${rule.params.facture} : il ne peut pas être supprimé`;
    case 'DEVIS_STATUT_INVALIDE':
      return `Le devis ${rule.params.numero} est ${devisStatutLabels[rule.params.de]} : il ne peut pas passer à « ${devisStatutLabels[rule.params.vers]} »`;
    case 'DEVIS_FIGE':
      return rule.params.raison === 'contenu'
        ? `Le devis ${rule.params.numero} est ${devisStatutLabels[rule.params.statut]} : seul son statut change encore ; faites un nouveau devis`
        : `Le devis ${rule.params.numero} est numéroté dans la série de son entreprise : il n’en change pas`;
    case 'GROUPE_UTILISE':
      return `Le groupe « ${rule.params.groupe} » compte encore le contact ${rule.params.contact} : retirez-en d’abord ses contacts`;
    case 'GROUPE_EN_DOUBLE':
      return 'Le contact est déjà dans ce groupe';
    case 'GROUPE_INCONNU':
      return 'Ce groupe n’existe pas (ou plus) : choisissez un groupe de l’entreprise';
    case 'GROUPE_AUTRE_ENTREPRISE':
      return `Ce groupe appartient à ${rule.params.entreprise} : un contact ne rejoint que des groupes de sa propre entreprise`;
    case 'REGLEMENT_FACTURE_NON_VALIDEE':
      return rule.params.raison === 'avoir'
        ? 'Un règlement s’enregistre sur une facture, pas sur un avoir'
        : 'Un règlement s’enregistre sur une facture validée : celle-ci est introuvable ou encore en brouillon';
  }
}
