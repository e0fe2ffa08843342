import type { MapContext, NameIndex } from './context';
import { resolveChauffeur, resolveSst } from './map-chauffeurs';
import type { SstRef } from './map-sst';
import { typeMission, type VoyageRef } from './map-voyages';
import {
  describe,
  importId,
  isRecord,
  nameKey,
  optionalBoolean,
  optionalCents,
  optionalDate,
  optionalInteger,
  optionalText,
  optionalTime,
  ValueError,
} from './values';

export interface MissionIndexes {
  ssts: NameIndex<SstRef>;
  chauffeurs: NameIndex<string>;
  voyages: NameIndex<VoyageRef>;
}

function resolveVoyage(voyages: NameIndex<VoyageRef>, code: string): VoyageRef {
  const found = voyages.get(code);
  if (!found) {
    throw new ValueError(`voyage « ${code} » ${found === null ? 'ambigu' : 'inconnu'}`);
  }
  return found;
}

/** `missions.json`: the planned and done runs. */
export function mapMissions(context: MapContext, content: unknown, indexes: MissionIndexes): void {
  const file = 'missions.json';
  if (content === undefined) {
    return;
  }
  if (!Array.isArray(content)) {
    context.reject('missions', file, 'fichier', 'liste de missions attendue');
    return;
  }
  const keys = new Map<string, number>();
  content.forEach((raw: unknown, position) => {
    const rawId = isRecord(raw) ? raw['id'] : undefined;
    // The old id, when there is one, is what the person importing can search for in the file.
    const entry = typeof rawId === 'string' || typeof rawId === 'number' ? `#${position + 1} (id ${rawId})` : `#${position + 1}`;
    context.attempt('missions', file, entry, () => {
      if (!isRecord(raw)) {
        throw new ValueError(`objet attendu, reçu ${describe(raw)}`);
      }
      const oldId = optionalText(raw['id'], 'id');
      const date = optionalDate(raw['date'], 'date');
      if (date === undefined) {
        throw new ValueError('mission sans date : ignorée, comme le faisait l’ancien outil');
      }
      const heure = optionalTime(raw['heure'], 'heure') ?? '00:00';
      const voyageCode = optionalText(raw['voyage'], 'voyage');
      const voyage = voyageCode === undefined ? undefined : resolveVoyage(indexes.voyages, voyageCode);
      const sansSst = optionalBoolean(raw['sans_sst'], 'sans_sst') ?? false;
      const sstName = sansSst ? undefined : optionalText(raw['sst'], 'sst');
      const chauffeurName = optionalText(raw['chauffeur'], 'chauffeur');
      const pays = optionalText(raw['pays'], 'pays') ?? 'Belgique';
      const effectue = optionalBoolean(raw['effectue'], 'effectue') ?? false;
      const numero = optionalText(raw['numero'], 'numero');
      const fields: Record<string, unknown> = {
        date_mission: date,
        heure_debut: heure,
        type_mission: optionalBoolean(raw['ramasse'], 'ramasse') === true ? 'ramasse' : typeMission(raw['type'], 'type'),
        voyage_id: voyage?.id,
        sst_id: sstName === undefined ? undefined : resolveSst(indexes.ssts, sstName),
        chauffeur_id: chauffeurName === undefined ? undefined : resolveChauffeur(indexes.chauffeurs, chauffeurName),
        // Relais needs a destination; the old tool's missions only named their line (or country).
        destination: voyage?.code ?? pays,
        pays,
        nb_palettes: optionalInteger(raw['palettes'], 'palettes') ?? 0,
        numero,
        commentaire: optionalText(raw['infos'], 'infos'),
        statut: effectue ? 'termine' : 'planifie',
        revenu: optionalCents(raw['revenus'], 'revenus'),
        cout_sst: optionalCents(raw['couts'], 'couts'),
      };
      // Without an old id, a mission is known by what identifies it on the planning; a second
      // identical one in the same file gets a counter so both are kept.
      let key = oldId === undefined ? nameKey([date, heure, voyageCode, sstName, chauffeurName, numero].map((part) => part ?? '').join('|')) : `id:${oldId}`;
      const repeat = (keys.get(key) ?? 0) + 1;
      keys.set(key, repeat);
      if (oldId === undefined && repeat > 1) {
        key = `${key}#${repeat}`;
      }
      context.add('missions', { id: importId('mission', key), fields, defaults: {}, file, entry });
    });
  });
}
