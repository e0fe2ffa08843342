import { billedMissionIds, missionBillingIssues, numericFrenchDate, type MissionBillingIssue } from '@relais/domain';
import type { Facture, FactureLigne, Mission } from '@relais/schema';
import type Database from 'better-sqlite3';
import { createRowMapper, type Doc, type StoredRow } from '../replication/documents';
import type { LinkedWrite, WriteGuard, WriteGuardVerdict } from '../replication/guards';

type StoredMission = Mission & { _deleted: boolean };
type StoredFacture = Facture & { _deleted: boolean };

const accepted: WriteGuardVerdict = { ok: true };

/** "Lyon → Grenoble du 08/12/2026": a mission as people name it. */
function missionText(mission: Pick<Mission, 'depart' | 'destination' | 'date_mission'> | undefined): string {
  if (!mission) {
    return 'une mission supprimée';
  }
  return `${mission.depart ? `${mission.depart} → ` : ''}${mission.destination} du ${numericFrenchDate(mission.date_mission)}`;
}

function factureText(facture: Pick<Facture, 'numero' | 'statut'> | undefined): string {
  return facture?.numero ? `la facture ${facture.numero}` : 'un autre brouillon de facture';
}

/**
 * "A mission is billed once", in the invoice's write transaction (so two PCs billing the same
 * missions offline cannot both win), and the link kept both ways:
 *
 * - an invoice's lines cite missions (`mission_ids`); each must pass the domain's
 *   `missionBillingIssues` against the stored missions. A line that may not bill its missions
 *   (already on another live invoice, another customer's…) is taken off the draft, which is stored
 *   with its other lines: the writer's work is not lost, and the notice says in words what was
 *   refused and why;
 * - the missions the stored invoice bills get its `facture_id` (a `LinkedWrite`, in the same
 *   transaction); those it no longer bills (line removed, draft deleted) lose it;
 * - on a mission, `facture_id` is the server's: a writer cannot set or clear it, and an invoiced
 *   mission keeps its customer and is not deleted.
 *
 * Register it before the invoicing guard, which validates and numbers the invoice as stored.
 */
export function missionBillingGuard(sqlite: Database.Database): WriteGuard {
  const missions = createRowMapper('missions');
  const factures = createRowMapper('factures');
  const selectMission = sqlite.prepare<[string], StoredRow>('SELECT * FROM "missions" WHERE id = ?');
  const selectFacture = sqlite.prepare<[string], StoredRow>('SELECT * FROM "factures" WHERE id = ?');
  const missionOf = (id: string): StoredMission | undefined => {
    const row = selectMission.get(id);
    return row ? (missions.toDocument(row) as unknown as StoredMission) : undefined;
  };
  const factureOf = (id: string): StoredFacture | undefined => {
    const row = selectFacture.get(id);
    const facture = row ? (factures.toDocument(row) as unknown as StoredFacture) : undefined;
    return facture && !facture._deleted ? facture : undefined;
  };

  function guardMission(incoming: Doc, existing: Doc | undefined): WriteGuardVerdict {
    const before = existing && !existing._deleted ? (existing as unknown as StoredMission) : undefined;
    const billedOn = before?.facture_id !== undefined && factureOf(before.facture_id) ? before.facture_id : undefined;
    if (billedOn !== undefined && incoming._deleted) {
      return { ok: false, code: 'MISSION_FACTUREE', message: `La mission ${missionText(before)} est facturée : elle ne peut plus être supprimée` };
    }
    if (billedOn !== undefined && incoming['client_id'] !== before?.client_id) {
      return { ok: false, code: 'MISSION_FACTUREE', message: `La mission ${missionText(before)} est facturée : son client ne change plus` };
    }
    return incoming['facture_id'] === before?.facture_id ? accepted : { ok: true, set: { facture_id: before?.facture_id } };
  }

  function issueText(issue: MissionBillingIssue): string {
    const mission = missionOf(issue.mission_id);
    const named = missionText(mission && !mission._deleted ? mission : undefined);
    switch (issue.code) {
      case 'MISSION_DEJA_FACTUREE':
        return `${named} est déjà facturée sur ${factureText(factureOf(issue.facture_id))}`;
      case 'MISSION_INCONNUE':
        return `${named} n’existe plus`;
      case 'MISSION_AUTRE_CLIENT':
        return `${named} est celle d’un autre client`;
      case 'MISSION_NON_LIVREE':
        return `${named} n’est pas livrée`;
      case 'MISSION_EN_DOUBLE':
        return `${named} figure deux fois`;
    }
  }

  function guardFacture(incoming: Doc, existing: Doc | undefined): WriteGuardVerdict {
    const facture = incoming as unknown as StoredFacture;
    const before = existing && !existing._deleted ? (existing as unknown as StoredFacture) : undefined;
    let lignes: FactureLigne[] = facture._deleted ? [] : facture.lignes;
    let notice: { code: string; message: string } | undefined;
    if (!facture._deleted) {
      const cited = new Map<string, StoredMission>();
      for (const id of billedMissionIds(lignes)) {
        const mission = missionOf(id);
        if (mission && !mission._deleted) {
          cited.set(id, mission);
        }
      }
      const issues = missionBillingIssues(lignes, {
        facture: { id: facture.id, contact_id: facture.contact_id },
        missions: cited,
        factureExists: (id) => factureOf(id) !== undefined,
      });
      if (issues.size > 0) {
        lignes = lignes.filter((ligne) => !issues.has(ligne.id));
        const reasons = [...issues.values()].flat().map(issueText);
        notice = {
          code: 'MISSIONS_DEJA_FACTUREES',
          message: `Facturation refusée pour ${reasons.length === 1 ? 'une mission' : `${reasons.length} missions`} : ${reasons.join(' ; ')}. ${
            issues.size === 1 ? 'Sa ligne a été retirée' : 'Leurs lignes ont été retirées'
          } du brouillon, qui reste enregistré avec ses autres lignes`,
        };
      }
    }
    const now = billedMissionIds(lignes);
    const linked: LinkedWrite[] = [];
    for (const id of now) {
      if (missionOf(id)?.facture_id !== facture.id) {
        linked.push({ collection: 'missions', id, set: { facture_id: facture.id } });
      }
    }
    for (const id of billedMissionIds(before?.lignes ?? [])) {
      if (!now.has(id) && missionOf(id)?.facture_id === facture.id) {
        linked.push({ collection: 'missions', id, set: { facture_id: undefined } });
      }
    }
    return {
      ok: true,
      ...(notice ? { notice, set: { lignes } } : {}),
      ...(linked.length > 0 ? { linked } : {}),
    };
  }

  return ({ collection, incoming, existing }) => {
    if (collection === 'missions') {
      return guardMission(incoming, existing);
    }
    return collection === 'factures' ? guardFacture(incoming, existing) : accepted;
  };
}
