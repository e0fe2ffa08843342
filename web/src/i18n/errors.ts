import type { InvoicingRuleCode, MissionBillingCode, PlanningVerdictCode, RuleIssue } from '@relais/domain';
import { forbiddenTextMessage } from '@relais/schema';
import type { ErrorCode } from '@relais/sync-protocol';

/**
 * Every error the user can be shown, in one place: the server's error codes, the business-rule codes
 * of `@relais/domain` (document rules, invoicing write rules, planning verdicts), the client's own
 * transport codes, and the field-validation messages. The i18n resources embed these tables under
 * `errors` and `validation`. Messages name the rule's params as `{{param}}`.
 */
export type RuleCode = RuleIssue['code'];

/** Codes raised on the client side of the transport (see `ReplicationRequestError`). */
export type ClientErrorCode = 'HTTP_ERROR' | 'NETWORK' | 'UNKNOWN';

export type AppErrorCode = ErrorCode | RuleCode | InvoicingRuleCode | PlanningVerdictCode | MissionBillingCode | ClientErrorCode;

export type ErrorTable = Record<AppErrorCode, string>;

const errorsFr: ErrorTable = {
  BAD_REQUEST: 'Requête invalide envoyée au serveur.',
  VALIDATION_FAILED: 'Le serveur a refusé des données invalides.',
  BAD_CHECKPOINT: 'Point de reprise de synchronisation invalide ; une resynchronisation complète est nécessaire.',
  UNKNOWN_COLLECTION: 'Collection inconnue du serveur.',
  NOT_FOUND: 'Élément introuvable sur le serveur.',
  PAYLOAD_TOO_LARGE: 'Trop de modifications envoyées d’un coup.',
  DOMAIN_RULE: 'Une règle métier a été enfreinte.',
  INTERNAL: 'Erreur interne du serveur ; nouvel essai automatique.',
  UNAUTHENTICATED: 'Session expirée ou fermée : reconnectez-vous.',
  INVALID_CREDENTIALS: 'Identifiant ou mot de passe incorrect.',
  ACCOUNT_LOCKED: 'Compte verrouillé après trop d’échecs ; réessayez plus tard.',
  ACCOUNT_DISABLED: 'Ce compte est désactivé.',
  FORBIDDEN: 'Vous n’avez pas les droits nécessaires.',
  PASSWORD_CHANGE_REQUIRED: 'Vous devez changer votre mot de passe avant de continuer.',
  WEAK_PASSWORD: 'Mot de passe trop faible : 8 caractères au moins, avec une majuscule, une minuscule et un chiffre.',
  MFA_INVALID: 'Code de vérification incorrect.',
  MFA_EXPIRED: 'Code de vérification expiré ou déjà utilisé : reconnectez-vous pour en recevoir un nouveau.',
  MAIL_UNAVAILABLE: 'Impossible d’envoyer l’e-mail ; contactez l’administrateur.',
  CONFLICT: 'Cet élément existe déjà.',
  TOO_MANY_REQUESTS: 'Trop de tentatives : patientez avant de réessayer.',
  ALREADY_RUNNING: 'Cette tâche est déjà en cours : attendez la fin de son exécution.',
  MAINTENANCE: 'Le serveur restaure une sauvegarde : vos modifications seront envoyées dans un instant.',
  MISSION_FIN_AVANT_DEBUT: 'L’heure de fin précède l’heure de début.',
  PERIODE_FIN_AVANT_DEBUT: 'La date de fin précède la date de début.',
  LIGNE_INVALIDE: 'Ligne invalide : trois décimales au plus pour la quantité, remise entre 0 et 100 %.',
  SIRET_SIREN_DIFFERENTS: 'Le SIRET doit commencer par le SIREN.',
  VALIDITE_AVANT_DEVIS: 'La date de validité précède la date du devis.',
  AVOIR_SANS_FACTURE: 'Un avoir cite la facture qu’il annule.',
  AVOIR_POSITIF: 'Le montant d’un avoir est négatif : il annule tout ou partie d’une facture.',
  FACTURE_ORIGINE_HORS_AVOIR: 'Seul un avoir cite une facture d’origine.',
  BROUILLON_NUMEROTE: 'Un brouillon n’a pas de numéro définitif : le serveur le donne à la validation.',
  FACTURE_SANS_LIGNE: 'Une facture validée a au moins une ligne.',
  FACTURE_NEGATIVE: 'Le total de cette facture est négatif : une facture ne rend pas d’argent, faites un avoir.',
  FACTURE_VALIDEE_IMMUABLE: 'Le document {{numero}} est validé : il ne se modifie ni ne se supprime plus ; corrigez-le par un avoir (ou, pour un avoir, par une nouvelle facture).',
  ENTREPRISE_INCONNUE: 'L’entreprise émettrice est introuvable ou supprimée : la facture ne peut pas être validée.',
  CONTACT_INCONNU: 'Le client de la facture est introuvable ou supprimé : elle ne peut pas être validée.',
  CONTACT_AUTRE_ENTREPRISE: 'Ce client n’est pas un client de {{entreprise}} : la facture ne peut pas être validée.',
  CONTACT_SANS_ADRESSE_ELECTRONIQUE:
    'Le client {{contact}} n’a pas d’adresse de facturation électronique : renseignez sur sa fiche son SIREN (entreprise française), son numéro de TVA intracommunautaire (entreprise étrangère) ou son adresse e-mail, puis validez à nouveau.',
  LIGNE_EXONEREE_SANS_MOTIF: 'La ligne « {{ligne}} » est exonérée de TVA sans motif : choisissez le motif d’exonération (article du CGI) ou saisissez-le, puis validez à nouveau.',
  EXPORT_SANS_TVA_ENTREPRISE:
    'Exportation hors de l’Union européenne (ligne « {{ligne}} ») : renseignez le numéro de TVA intracommunautaire de l’entreprise {{entreprise}} sur sa fiche, puis validez à nouveau.',
  LIVRAISON_UE_SANS_TVA_ENTREPRISE:
    'Livraison intracommunautaire (ligne « {{ligne}} ») : renseignez le numéro de TVA intracommunautaire de l’entreprise {{entreprise}} sur sa fiche, puis validez à nouveau.',
  LIVRAISON_UE_SANS_TVA_CLIENT:
    'Livraison intracommunautaire (ligne « {{ligne}} ») : renseignez le numéro de TVA intracommunautaire du client {{contact}} sur sa fiche, puis validez à nouveau.',
  LIVRAISON_UE_SANS_DATE:
    'Livraison intracommunautaire (ligne « {{ligne}} ») : renseignez la date de livraison des biens (« Date de prestation » de la facture), puis validez à nouveau.',
  LIVRAISON_UE_HORS_UE:
    'Livraison intracommunautaire (ligne « {{ligne}} ») : les biens sont livrés dans un autre pays de l’Union européenne, or le pays de l’adresse de livraison est « {{pays}} » ; renseignez l’adresse de livraison (sur la facture ou la fiche du client), puis validez à nouveau.',
  AVOIR_FACTURE_ORIGINE_INVALIDE: 'Un avoir annule une facture validée de la même entreprise et du même client : la facture citée ne convient pas.',
  AVOIR_DEPASSE_FACTURE: 'Les avoirs de la facture {{numero}} atteindraient {{credite}} TTC, plus que la facture elle-même ({{facture}} TTC).',
  DEVIS_FACTURE: 'Le devis {{numero}} est repris par la facture {{facture}} : il ne peut pas être supprimé.',
  MISSION_DEJA_FACTUREE: 'Cette mission est déjà facturée sur une autre facture : la ligne est retirée.',
  MISSION_INCONNUE: 'Cette mission est introuvable ou supprimée : la ligne est retirée.',
  MISSION_AUTRE_CLIENT: 'Cette mission est celle d’un autre client : la ligne est retirée.',
  MISSION_NON_LIVREE: 'Cette mission n’est pas encore livrée : elle se facture une fois livrée.',
  MISSION_EN_DOUBLE: 'Cette mission figure deux fois sur la facture : la ligne en double est retirée.',
  MISSION_FACTUREE: 'Cette mission est facturée : elle ne se supprime plus et son client ne change plus.',
  DEVIS_STATUT_INVALIDE: 'Le devis {{numero}} ne peut plus prendre ce statut.',
  DEVIS_FIGE: 'Le devis {{numero}} n’est plus un brouillon : seul son statut change encore ; faites un nouveau devis.',
  GROUPE_UTILISE: 'Le groupe « {{groupe}} » compte encore le contact {{contact}} : retirez-en d’abord ses contacts.',
  GROUPE_INCONNU: 'Ce groupe n’existe pas (ou plus) : choisissez un groupe de l’entreprise.',
  GROUPE_AUTRE_ENTREPRISE: 'Ce groupe appartient à {{entreprise}} : un contact ne rejoint que des groupes de sa propre entreprise.',
  GROUPE_EN_DOUBLE: 'Le contact est déjà dans ce groupe.',
  REGLEMENT_FACTURE_NON_VALIDEE: 'Un règlement s’enregistre sur une facture validée (pas sur un brouillon ni sur un avoir).',
  PLANNING_CONFLICT: 'Ce placement enfreint une règle bloquante du planning.',
  PLANNING_FORCE_FORBIDDEN: 'Conflit bloquant : le forcer demande le droit « edit_past_planning_advanced ».',
  PAST_PLANNING_LOCKED: 'Modifier le planning d’un jour passé demande le droit « edit_past_planning ».',
  NUMEROTATION_FORMATS_CONFONDUS: 'Deux formats de numérotation peuvent donner le même numéro : donnez à chacun un préfixe qui lui est propre.',
  NUMEROTATION_DEBUT_FORMULE: 'Un numéro ne commence pas par =, +, - ou @ : un tableur le prendrait pour une formule.',
  HTTP_ERROR: 'Réponse inattendue du serveur.',
  NETWORK: 'Serveur injoignable.',
  UNKNOWN: 'Erreur inattendue.',
};

// English: `errors-en.ts`, downloaded only when English is chosen.
export const errorMessages = { fr: errorsFr } as const;

export type ValidationKey =
  | 'required'
  | 'tooLong'
  | 'min'
  | 'max'
  | 'integer'
  | 'number'
  | 'date'
  | 'time'
  | 'email'
  | 'color'
  | 'choice'
  | 'reference'
  | 'forbiddenCharacters'
  | 'invalid';

const validationFr: Record<ValidationKey, string> = {
  required: 'Champ obligatoire',
  tooLong: '{{max}} caractères au maximum',
  min: 'Au moins {{min}}',
  max: 'Au plus {{max}}',
  integer: 'Nombre entier attendu',
  number: 'Nombre attendu',
  date: 'Date attendue au format AAAA-MM-JJ',
  time: 'Heure attendue au format HH:MM (00:00 à 28:00)',
  email: 'Adresse e-mail invalide',
  color: 'Couleur attendue au format #RRVVBB',
  choice: 'Valeur non autorisée',
  reference: 'Référence invalide',
  forbiddenCharacters: 'Caractère interdit : caractère de contrôle ou Unicode mal formé (souvent un copier-coller)',
  invalid: 'Valeur invalide',
};

export const validationMessages = { fr: validationFr } as const;

/** The i18n key of an error code; unknown codes get the generic message. */
export function errorKey(code: string): `errors.${AppErrorCode}` {
  return Object.hasOwn(errorsFr, code) ? `errors.${code as AppErrorCode}` : 'errors.UNKNOWN';
}

/** A zod issue, structurally (so this module does not depend on zod itself). */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  origin?: string;
  expected?: string;
  format?: string;
  pattern?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  input?: unknown;
  message?: string;
}

/** Fields whose every problem is best explained by their expected format. */
export type FieldFormat = 'date' | 'time' | 'color';

export interface FieldMessage {
  key: `validation.${ValidationKey}` | `errors.${AppErrorCode}`;
  params?: Record<string, string | number>;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function validationKey(issue: IssueLike): FieldMessage {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? { key: 'validation.tooLong', params: { max: Number(issue.maximum) } }
        : { key: 'validation.max', params: { max: Number(issue.maximum) } };
    case 'too_small':
      return { key: 'validation.min', params: { min: Number(issue.minimum) } };
    case 'invalid_type':
      return { key: issue.expected === 'int' ? 'validation.integer' : 'validation.number' };
    case 'invalid_value':
      return { key: 'validation.choice' };
    case 'invalid_format':
      if (issue.format === 'email') {
        return { key: 'validation.email' };
      }
      return { key: issue.format === 'uuid' ? 'validation.reference' : 'validation.invalid' };
    default:
      return { key: 'validation.invalid' };
  }
}

/**
 * The message to show next to a field for a schema issue; `value` is what the field held (zod does
 * not copy the input into its issues by default).
 */
export function issueMessage(issue: IssueLike, format?: FieldFormat, value: unknown = issue.input): FieldMessage {
  if (isBlank(value) || issue.pattern === '/\\S/') {
    return { key: 'validation.required' };
  }
  // The text rule of packages/schema, whatever the field's format.
  if (issue.code === 'custom' && issue.message === forbiddenTextMessage) {
    return { key: 'validation.forbiddenCharacters' };
  }
  if (format !== undefined) {
    return { key: `validation.${format}` };
  }
  return validationKey(issue);
}
