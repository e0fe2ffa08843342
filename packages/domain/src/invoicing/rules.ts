import type { Contact, Devis, Entreprise, Facture, Ligne } from '@relais/schema';
import type { RuleIssue } from '../missions';
import { eurosText } from './money';
import { checkNumberingFormats, numberingKinds } from './numbering';
import { documentTotals, lineAmount } from './totals';

/** Each line: three decimals at most, a discount within 0–100 %, an amount that fits (domain's `lineAmount`). */
function lineIssues(lignes: readonly Ligne[]): RuleIssue[] {
  return lignes.flatMap((ligne, index) => {
    try {
      lineAmount(ligne);
      return [];
    } catch (error) {
      return [{ code: 'LIGNE_INVALIDE', field: `lignes.${index}.quantite`, message: error instanceof Error ? error.message : String(error) }];
    }
  });
}

function siretIssues(doc: { siren?: string | undefined; siret?: string | undefined }): RuleIssue[] {
  return doc.siren !== undefined && doc.siret !== undefined && !doc.siret.startsWith(doc.siren)
    ? [{ code: 'SIRET_SIREN_DIFFERENTS', field: 'siret', message: 'Le SIRET doit commencer par le SIREN' }]
    : [];
}

/**
 * The numbering rules the schema's pattern does not hold: a format starting like a formula, two
 * kinds of document whose formats can write the same number.
 */
function numberingIssues(doc: Entreprise): RuleIssue[] {
  const issues = checkNumberingFormats(doc.numerotation);
  return numberingKinds.flatMap((kind) =>
    issues[kind].flatMap((issue) =>
      issue.code === 'NUMEROTATION_FORMATS_CONFONDUS' || issue.code === 'NUMEROTATION_DEBUT_FORMULE'
        ? [{ code: issue.code, field: `numerotation.${kind}`, message: issue.message }]
        : [],
    ),
  );
}

export function checkEntreprise(doc: Entreprise): RuleIssue[] {
  return [...siretIssues(doc), ...numberingIssues(doc)];
}

export function checkContact(doc: Contact): RuleIssue[] {
  return siretIssues(doc);
}

export function checkDevis(doc: Devis): RuleIssue[] {
  const issues = lineIssues(doc.lignes);
  if (doc.date_validite < doc.date_devis) {
    issues.push({ code: 'VALIDITE_AVANT_DEVIS', field: 'date_validite', message: 'La date de validité précède la date du devis' });
  }
  return issues;
}

/**
 * What a quote, invoice or credit note must be whatever its state: lines that compute; a credit note
 * cites the invoice it cancels and its total is negative; a draft carries no definitive number (the
 * server gives it at validation); a validated document has lines.
 */
export function checkFacture(doc: Facture): RuleIssue[] {
  const issues = lineIssues(doc.lignes);
  if (doc.type_facture === 'avoir') {
    if (doc.facture_origine_id === undefined) {
      issues.push({ code: 'AVOIR_SANS_FACTURE', field: 'facture_origine_id', message: 'Un avoir cite la facture qu’il annule' });
    }
    if (issues.length === 0 && doc.lignes.length > 0 && documentTotals(doc.lignes, doc.regime_tva).total_ht >= 0) {
      issues.push({ code: 'AVOIR_POSITIF', field: 'lignes', message: 'Le montant d’un avoir est négatif : il annule tout ou partie d’une facture' });
    }
  } else if (doc.facture_origine_id !== undefined) {
    issues.push({ code: 'FACTURE_ORIGINE_HORS_AVOIR', field: 'facture_origine_id', message: 'Seul un avoir cite une facture d’origine' });
  }
  if (doc.statut === 'brouillon' && (doc.numero !== undefined || doc.validee_le !== undefined)) {
    issues.push({ code: 'BROUILLON_NUMEROTE', field: 'numero', message: 'Un brouillon n’a pas de numéro définitif : le serveur le donne à la validation' });
  }
  if (doc.statut === 'validee' && doc.lignes.length === 0) {
    issues.push({ code: 'FACTURE_SANS_LIGNE', field: 'lignes', message: 'Une facture validée a au moins une ligne' });
  }
  return issues;
}

/**
 * What validating an invoice asks beyond `checkFacture`, checked by the PWA before it asks and by
 * the server when it numbers (a validation it refuses keeps the draft and says why): an invoice or
 * a deposit invoice does not total below zero, money owed back is a credit note. A total of zero
 * stays valid: a final invoice whose deposits cover it all is still issued.
 */
export function checkFactureValidation(doc: Facture): RuleIssue[] {
  if (doc.type_facture === 'avoir' || lineIssues(doc.lignes).length > 0) {
    return [];
  }
  const total = documentTotals(doc.lignes, doc.regime_tva).total_ttc;
  return total < 0
    ? [{ code: 'FACTURE_NEGATIVE', field: 'lignes', message: `Le total de cette ${doc.type_facture === 'acompte' ? 'facture d’acompte' : 'facture'} est négatif (${eurosText(total)} TTC) : une facture ne rend pas d’argent, faites un avoir` }]
    : [];
}
