import { addDays } from '@relais/domain';
import type { Disponibilite, Sst } from '@relais/schema';

/** When the reference data was "entered"; fixed so those documents never change between runs. */
const enteredAt = '2025-09-01T07:30:00.000Z';

/** Two regular subcontractors, with whom to write to and what they charge (cents); `demoId` gives the stable ids. */
export function buildDemoSst(demoId: (name: string) => string): Sst[] {
  return [
    {
      id: demoId('sst/RHX'),
      rev: 1,
      updated_at: enteredAt,
      code: 'RHX',
      nom: 'Rhône Express',
      raison_sociale: 'Rhône Express Transports SARL',
      telephone: '04 72 00 11 22',
      email: 'exploitation@rhone-express.example',
      adresse: '12 rue du Port, 69007 Lyon',
      is_active: true,
      contacts: [
        { id: demoId('sst/RHX/contact/1'), email: 'exploitation@rhone-express.example', nom_contact: 'Paul Chevalier', fonction: 'Exploitation', is_primary: true },
        { id: demoId('sst/RHX/contact/2'), email: 'compta@rhone-express.example', nom_contact: 'Lucie Bernard', fonction: 'Comptabilité', is_primary: false },
      ],
      tarifs: [
        { id: demoId('sst/RHX/tarif/Paris'), destination: 'Paris', pays: 'France', prix: 68_000, unite: 'voyage', date_debut: '2025-01-01' },
        { id: demoId('sst/RHX/tarif/Grenoble'), destination: 'Grenoble', pays: 'France', prix: 1_800, unite: 'palette', date_debut: '2025-01-01' },
      ],
    },
    {
      id: demoId('sst/ALF'),
      rev: 1,
      updated_at: enteredAt,
      code: 'ALF',
      nom: 'Alpes Fret',
      telephone: '04 76 00 33 44',
      adresse: 'ZA des Glairons, 38400 Saint-Martin-d’Hères',
      is_active: true,
      contacts: [{ id: demoId('sst/ALF/contact/1'), email: 'planning@alpes-fret.example', nom_contact: 'Marc Rey', fonction: 'Planning', is_primary: true }],
      tarifs: [{ id: demoId('sst/ALF/tarif/Marseille'), destination: 'Marseille', pays: 'France', prix: 59_000, unite: 'voyage', date_debut: '2025-01-01' }],
    },
  ];
}

/**
 * Absences the week after the demo week (so the demo plan stays free of conflicts): a week of
 * paid leave and a training day. `week` holds the demo week's days, Monday first; `demoId` gives
 * the stable ids.
 */
export function buildDemoAbsences(week: readonly string[], demoId: (name: string) => string): Disponibilite[] {
  const monday = week[0];
  if (monday === undefined) {
    return [];
  }
  const nextMonday = addDays(monday, 7);
  const absence = (code: string, from: string, to: string, type: Disponibilite['type_absence'], motif: string): Disponibilite => ({
    id: demoId(`absence/${code}/${from}`),
    rev: 1,
    updated_at: enteredAt,
    chauffeur_id: demoId(`chauffeur/${code}`),
    date_debut: from,
    date_fin: to,
    type_absence: type,
    motif,
  });
  return [
    absence('ML02', nextMonday, addDays(nextMonday, 4), 'conges', 'Congés posés'),
    absence('SM04', addDays(nextMonday, 2), addDays(nextMonday, 2), 'formation', 'Recyclage CACES'),
  ];
}
