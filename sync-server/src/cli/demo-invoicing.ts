import { acompteFromDevis, addDays, avoirFromFacture, documentTotals, factureFromDevis } from '@relais/domain';
import type { Article, Contact, Devis, Entreprise, Facture, Ligne, Reglement } from '@relais/schema';

/**
 * The invoicing side of the demonstration: the haulage firm invoices its customers. Quotes in every
 * state, draft invoices, validated invoices (the server numbers them as they are loaded, in order),
 * a deposit, a credit note and payments, one of them partial, one invoice overdue. Dates follow
 * `today`; ids are stable names, so a second load the same day writes nothing new.
 */
export interface DemoInvoicing {
  entreprises: Entreprise[];
  contacts: Contact[];
  articles: Article[];
  devis: Devis[];
  factures: Facture[];
  reglements: Reglement[];
}

const enteredAt = '2025-09-01T07:30:00.000Z';
const adresseSiege = { ligne1: '14 rue des Frères Lumière', code_postal: '69960', ville: 'Corbas' };

interface CustomerSeed {
  key: string;
  nom: string;
  type: Contact['type_contact'];
  siren?: string;
  ville: string;
  code_postal: string;
  rue: string;
  groupes: string[];
  jours?: number;
  autoliquidation?: true;
}

const customers: CustomerSeed[] = [
  { key: 'BIOC', nom: 'Biocoop Rhône-Alpes', type: 'societe', siren: '412345678', rue: '5 avenue Tony Garnier', code_postal: '69007', ville: 'Lyon', groupes: ['grands-comptes', 'frigo'] },
  { key: 'MATB', nom: 'Matériaux Bâti Sud', type: 'societe', siren: '523456789', rue: '220 route de Vienne', code_postal: '69008', ville: 'Lyon', groupes: ['btp'], jours: 45, autoliquidation: true },
  { key: 'FROM', nom: 'Fromagerie des Alpes', type: 'societe', siren: '634567891', rue: '3 place du Marché', code_postal: '73000', ville: 'Chambéry', groupes: ['frigo'] },
  { key: 'LOGI', nom: 'Logistique Saône SAS', type: 'societe', siren: '745678912', rue: "Zone portuaire Édouard Herriot", code_postal: '69007', ville: 'Lyon', groupes: ['grands-comptes'] },
  { key: 'DURA', nom: 'Durand', type: 'particulier', rue: '8 chemin des Vignes', code_postal: '69390', ville: 'Vourles', groupes: [] },
];

const articleSeeds: [string, string, string, number, number][] = [
  ['PAL-LYO', 'Transport palette Lyon et agglomération', 'palette', 3_800, 2000],
  ['PAL-PAR', 'Transport palette Lyon → Paris', 'palette', 6_500, 2000],
  ['FRIGO-J', 'Location porteur frigorifique (jour)', 'jour', 42_000, 2000],
  ['ATT-H', "Heure d'attente au quai", 'h', 5_500, 2000],
  ['ADR-SUP', 'Supplément matières dangereuses (ADR)', 'forfait', 9_000, 2000],
  ['MANUT', 'Manutention à la livraison', 'h', 4_200, 2000],
];

function line(demoId: (name: string) => string, key: string, reference: string, quantite: number, extra: Partial<Ligne> = {}): Ligne {
  const seed = articleSeeds.find(([ref]) => ref === reference);
  if (!seed) {
    throw new Error(`article de démonstration inconnu : ${reference}`);
  }
  const [, libelle, unite, prix, taux] = seed;
  return { id: demoId(`ligne/${key}`), article_id: demoId(`article/${reference}`), designation: libelle, quantite, unite, prix_unitaire_ht: prix, taux_tva_bp: taux, ...extra };
}

export function buildDemoInvoicing(todayIso: string, demoId: (name: string) => string): DemoInvoicing {
  const entrepriseId = demoId('entreprise/RELAIS');
  const groupe = (key: string) => demoId(`groupe/${key}`);
  const entreprise: Entreprise = {
    id: entrepriseId,
    rev: 1,
    updated_at: enteredAt,
    raison_sociale: 'Transports Relais Corbas',
    forme_juridique: 'SAS',
    capital_social: 15_000_000,
    adresse: adresseSiege,
    siren: '812345674',
    siret: '81234567400015',
    rcs_ville: 'Lyon',
    tva_intracom: 'FR23812345674',
    iban: 'FR7630004000031234567890143',
    bic: 'BNPAFRPPXXX',
    email: 'facturation@transports-relais.example',
    telephone: '04 78 00 12 34',
    regime_tva: 'normale',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    taux_penalites_bp: 1215,
    numerotation: { devis: 'DE-{YYYY}-{0000}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{YYYY}-{00000}' },
    mentions: 'Transports Relais Corbas — licence communautaire n° 2019/84/0001234',
    groupes: [
      { id: groupe('grands-comptes'), nom: 'Grands comptes' },
      { id: groupe('frigo'), nom: 'Produits frais' },
      { id: groupe('btp'), nom: 'BTP', description: 'Chantiers : autoliquidation de la TVA' },
    ],
    is_active: true,
    // E-invoicing reform: a transport company sells services and opted for VAT on debits.
    nature_operation: 'services',
    tva_sur_debits: true,
    mentions_facturation: {
      recouvrement: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € (art. L441-10 du Code de commerce)',
      penalites: 'Pénalités de retard : 12,15 % par an, exigibles dès le lendemain de l’échéance',
      escompte: 'Pas d’escompte pour paiement anticipé',
    },
  };
  const contacts: Contact[] = customers.map((seed) => ({
    id: demoId(`contact/${seed.key}`),
    rev: 1,
    updated_at: enteredAt,
    entreprise_id: entrepriseId,
    type_contact: seed.type,
    nom: seed.nom,
    ...(seed.type === 'particulier' ? { prenom: 'Hélène' } : {}),
    code: seed.key,
    ...(seed.siren ? { siren: seed.siren, tva_intracom: `FR${String(Number(seed.siren) % 97).padStart(2, '0')}${seed.siren}` } : {}),
    email: `compta@${seed.key.toLowerCase()}.example`,
    adresse_facturation: { ligne1: seed.rue, code_postal: seed.code_postal, ville: seed.ville },
    groupe_ids: seed.groupes.map(groupe),
    ...(seed.jours ? { conditions_paiement: { jours: seed.jours, fin_de_mois: true } } : {}),
    ...(seed.autoliquidation ? { autoliquidation: true } : {}),
    // Biocoop is delivered at its warehouse, not at its head office (a reform mention).
    ...(seed.key === 'BIOC' ? { adresse_livraison: { ligne1: 'Entrepôt Biocoop, 12 rue de l’Industrie', code_postal: '69200', ville: 'Vénissieux' } } : {}),
    is_active: true,
  }));
  const articles: Article[] = articleSeeds.map(([reference, libelle, unite, prix, taux]) => ({
    id: demoId(`article/${reference}`),
    rev: 1,
    updated_at: enteredAt,
    reference,
    libelle,
    unite,
    prix_unitaire_ht: prix,
    taux_tva_bp: taux,
    is_active: true,
  }));

  const day = (offset: number) => addDays(todayIso, offset);
  const at = (offset: number) => `${day(offset)}T09:00:00.000Z`;
  const quote = (key: string, contact: string, statut: Devis['statut'], offset: number, lignes: Ligne[], objet: string): Devis => ({
    id: demoId(`devis/${key}`),
    rev: 1,
    updated_at: at(offset),
    entreprise_id: entrepriseId,
    contact_id: demoId(`contact/${contact}`),
    statut,
    date_devis: day(offset),
    date_validite: day(offset + 30),
    objet,
    lignes,
    regime_tva: contact === 'MATB' ? 'autoliquidation' : 'normale',
  });
  const devis: Devis[] = [
    quote('BIOC-hiver', 'BIOC', 'accepte', -20, [line(demoId, 'd1/1', 'PAL-LYO', 120), line(demoId, 'd1/2', 'FRIGO-J', 4, { remise_bp: 500 })], 'Tournées frais décembre'),
    quote('MATB-chantier', 'MATB', 'envoye', -5, [line(demoId, 'd2/1', 'PAL-LYO', 60), line(demoId, 'd2/2', 'MANUT', 12)], 'Approvisionnement chantier Confluence'),
    quote('FROM-salon', 'FROM', 'brouillon', -1, [line(demoId, 'd3/1', 'FRIGO-J', 2), line(demoId, 'd3/2', 'ATT-H', 3)], 'Salon des fromages'),
    quote('LOGI-navette', 'LOGI', 'refuse', -40, [line(demoId, 'd4/1', 'PAL-PAR', 200)], 'Navette Lyon → Paris'),
  ];

  // Fixed ids for what the conversions create: a counter per document.
  const idsFor = (key: string) => {
    let n = 0;
    return () => demoId(`${key}/${(n += 1)}`);
  };
  const terms = entreprise.conditions_paiement;
  const [accepted] = devis;
  if (!accepted) {
    throw new Error('devis de démonstration manquant');
  }
  // Validated documents carry their date of issue: the server keeps it for its own writers (history),
  // and numbers them in the order loaded, which is chronological.
  const acompte: Facture = {
    ...acompteFromDevis(accepted, { pourcentage_bp: 3000 }, { newId: idsFor('acompte/BIOC'), now: at(-18), conditions_paiement: terms }),
    statut: 'validee',
    date_facture: day(-18),
  };
  const finale = factureFromDevis(accepted, [acompte], { newId: idsFor('facture/BIOC-finale'), now: at(-1), conditions_paiement: terms });
  const invoice = (key: string, contact: string, offset: number, lignes: Ligne[], extra: Partial<Facture> = {}): Facture => ({
    id: demoId(`facture/${key}`),
    rev: 1,
    updated_at: at(offset),
    entreprise_id: entrepriseId,
    contact_id: demoId(`contact/${contact}`),
    type_facture: 'facture',
    statut: 'validee',
    conditions_paiement: terms,
    lignes,
    regime_tva: 'normale',
    date_facture: day(offset),
    ...extra,
  });
  const fromage = invoice('FROM-octobre', 'FROM', -45, [line(demoId, 'f1/1', 'FRIGO-J', 6), line(demoId, 'f1/2', 'ATT-H', 2.5)], { objet: 'Location frigo octobre' });
  const logi = invoice('LOGI-novembre', 'LOGI', -12, [line(demoId, 'f2/1', 'PAL-PAR', 48), line(demoId, 'f2/2', 'ADR-SUP', 3)], { objet: 'Navettes novembre' });
  const durand = invoice('DURA-demenagement', 'DURA', -8, [line(demoId, 'f3/1', 'MANUT', 6), line(demoId, 'f3/2', 'PAL-LYO', 10)], { objet: 'Déménagement' });
  const matb = invoice('MATB-livraisons', 'MATB', -3, [line(demoId, 'f4/1', 'PAL-LYO', 30)], { regime_tva: 'autoliquidation', conditions_paiement: { jours: 45, fin_de_mois: true } });
  const avoir: Facture = {
    ...avoirFromFacture(logi, { motif: 'Palettes non livrées (2)', quantities: new Map([[demoId('ligne/f2/1'), 2]]) }, { newId: idsFor('avoir/LOGI'), now: at(-2) }),
    statut: 'validee',
    date_facture: day(-2),
  };
  const factures: Facture[] = [fromage, acompte, logi, durand, matb, avoir, finale];

  const ttc = (facture: Facture) => documentTotals(facture.lignes, facture.regime_tva).total_ttc;
  const payment = (key: string, facture: Facture, offset: number, montant: number, mode: Reglement['mode'], reference?: string): Reglement => ({
    id: demoId(`reglement/${key}`),
    rev: 1,
    updated_at: at(offset),
    facture_id: facture.id,
    date_reglement: day(offset),
    montant,
    mode,
    ...(reference ? { reference } : {}),
  });
  const reglements: Reglement[] = [
    payment('acompte', acompte, -15, ttc(acompte), 'virement', 'VIR BIOCOOP ACOMPTE'),
    payment('logi', logi, -1, ttc(logi) + ttc(avoir), 'virement', 'VIR LOGISTIQUE SAONE'),
    payment('durand', durand, -2, Math.round(ttc(durand) / 2), 'cheque', 'Chèque n° 4521876'),
  ];
  // The October invoice stays unpaid: overdue, on the reminder list.
  return { entreprises: [entreprise], contacts, articles, devis, factures, reglements };
}
