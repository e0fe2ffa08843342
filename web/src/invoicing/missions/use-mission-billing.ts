import type { Contact, Entreprise, Facture, Mission, RevenuPalette, Voyage } from '@relais/schema';
import { useMemo } from 'react';
import { useMayRead } from '../../auth/use-session';
import { useDatabase, useQueryResults } from '../../sync/hooks';

export interface MissionBillingData {
  /** The missions of the period, every customer, plain copies. */
  missions: Mission[];
  voyages: Voyage[];
  revenus: RevenuPalette[];
  contacts: Contact[];
  entreprises: Entreprise[];
  factures: Facture[];
}

function plain<T>(docs: readonly { toJSON(): unknown }[] | undefined): T[] {
  return (docs ?? []).map((doc) => doc.toJSON() as T);
}

/** What "Facturer des missions" reads for the days `from`..`to`, live; `undefined` until loaded. */
export function useMissionBillingData(from: string, to: string): MissionBillingData | undefined {
  const db = useDatabase();
  const mayReadRevenus = useMayRead('revenus_palettes');
  const queries = useMemo(
    () => ({
      missions: db.missions.find({ selector: { date_mission: { $gte: from, $lte: to } }, sort: [{ date_mission: 'asc' }, { heure_debut: 'asc' }] }),
      voyages: db.voyages.find(),
      revenus: db.revenus_palettes.find(),
      contacts: db.contacts.find({ sort: [{ nom: 'asc' }] }),
      entreprises: db.entreprises.find(),
      factures: db.factures.find(),
    }),
    [db, from, to],
  );
  const missions = useQueryResults(queries.missions);
  const voyages = useQueryResults(queries.voyages);
  const revenus = useQueryResults(queries.revenus);
  const contacts = useQueryResults(queries.contacts);
  const entreprises = useQueryResults(queries.entreprises);
  const factures = useQueryResults(queries.factures);
  return useMemo(() => {
    if (missions === undefined || contacts === undefined || entreprises === undefined || factures === undefined) {
      return undefined;
    }
    return {
      missions: plain<Mission>(missions),
      voyages: plain<Voyage>(voyages),
      revenus: mayReadRevenus ? plain<RevenuPalette>(revenus) : [],
      contacts: plain<Contact>(contacts),
      entreprises: plain<Entreprise>(entreprises),
      factures: plain<Facture>(factures),
    };
  }, [missions, voyages, revenus, contacts, entreprises, factures, mayReadRevenus]);
}
