/**
 * Countries of postal addresses, typed freely in French ("Allemagne") or as an ISO 3166 code ("DE"):
 * the code the e-invoice carries, and whether a country is a member state of the European Union (an
 * intra-community supply goes from France to another one).
 */

/** ISO 3166-1 alpha-2 codes of the European Union's member states. */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]);

/** French names of the countries a French carrier's customers are in, by their key (`countryKey`). */
const COUNTRY_CODES: Record<string, string> = {
  france: 'FR',
  allemagne: 'DE',
  autriche: 'AT',
  belgique: 'BE',
  bulgarie: 'BG',
  chypre: 'CY',
  tchequie: 'CZ',
  republiquetcheque: 'CZ',
  danemark: 'DK',
  estonie: 'EE',
  espagne: 'ES',
  finlande: 'FI',
  grece: 'GR',
  croatie: 'HR',
  hongrie: 'HU',
  irlande: 'IE',
  italie: 'IT',
  lituanie: 'LT',
  luxembourg: 'LU',
  lettonie: 'LV',
  malte: 'MT',
  paysbas: 'NL',
  pologne: 'PL',
  portugal: 'PT',
  roumanie: 'RO',
  suede: 'SE',
  slovenie: 'SI',
  slovaquie: 'SK',
  suisse: 'CH',
  royaumeuni: 'GB',
  norvege: 'NO',
  islande: 'IS',
  liechtenstein: 'LI',
  monaco: 'MC',
  andorre: 'AD',
  maroc: 'MA',
  algerie: 'DZ',
  tunisie: 'TN',
  turquie: 'TR',
  etatsunis: 'US',
  canada: 'CA',
};

/** "Pays-Bas", "pays bas", "PAYS-BAS" → `paysbas`; "République tchèque" → `republiquetcheque`. */
function countryKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The ISO code of a country as typed in an address (France when absent); none when it is not known. */
export function knownCountryCode(pays: string | undefined): string | undefined {
  const name = (pays ?? 'France').trim();
  if (/^[A-Z]{2}$/.test(name)) {
    return name;
  }
  return COUNTRY_CODES[countryKey(name)];
}

/** The ISO code an address carries in the e-invoice (BT-40, BT-55, BT-80); France for a name not known. */
export function countryCode(pays: string | undefined): string {
  return knownCountryCode(pays) ?? 'FR';
}
