import { CodeAllocator, codeFromText } from './codes';
import { NameIndex, type MapContext } from './context';
import type { SstRef } from './map-sst';
import {
  describe,
  importId,
  isRecord,
  nameKey,
  optionalBoolean,
  optionalDate,
  optionalText,
  requiredString,
  ValueError,
} from './values';

/** Resolves a subcontractor named in another file, or says why it cannot. */
export function resolveSst(index: NameIndex<SstRef>, name: string): string {
  const found = index.get(name);
  if (found === null) {
    throw new ValueError(`sous-traitant « ${name} » ambigu`);
  }
  if (!found) {
    throw new ValueError(`sous-traitant « ${name} » inconnu`);
  }
  return found.id;
}

/** `chauffeurs.json`: the drivers, indexed by old id, "prénom nom", "nom prénom", nom and code. */
export function mapChauffeurs(context: MapContext, content: unknown, ssts: NameIndex<SstRef>): NameIndex<string> {
  const index = new NameIndex<string>();
  const file = 'chauffeurs.json';
  if (content === undefined) {
    return index;
  }
  if (!Array.isArray(content)) {
    context.reject('chauffeurs', file, 'fichier', 'liste de chauffeurs attendue');
    return index;
  }
  const codes = new CodeAllocator(context.lookup, 'chauffeurs');
  const byCode = context.lookup.idsByValue('chauffeurs', 'code');
  content.forEach((raw: unknown, position) => {
    const entry = `#${position + 1}`;
    context.attempt('chauffeurs', file, entry, () => {
      if (!isRecord(raw)) {
        throw new ValueError(`objet attendu, reçu ${describe(raw)}`);
      }
      const nom = requiredString(raw['nom'], 'nom');
      const prenom = optionalText(raw['prenom'], 'prenom') ?? '';
      const oldId = optionalText(raw['id'], 'id');
      const givenCode = optionalText(raw['code'], 'code');
      // A code already in Relais is the same driver, entered by hand before the import.
      const id = (givenCode && byCode.get(givenCode)) || importId('chauffeur', oldId ?? nameKey(`${nom} ${prenom}`));
      const sstName = optionalText(raw['sst'], 'sst') ?? optionalText(raw['sst_id'], 'sst_id');
      const fields: Record<string, unknown> = {
        nom,
        // Relais requires a first name; the old tool did not.
        prenom: prenom === '' ? '-' : prenom,
        telephone: optionalText(raw['telephone'], 'telephone'),
        is_active: optionalBoolean(raw['actif'], 'actif') ?? true,
        commentaire: optionalText(raw['infos'], 'infos'),
        sst_id: sstName === undefined ? undefined : resolveSst(ssts, sstName),
      };
      const defaults: Record<string, unknown> = { adr: false, fimo: false, competences: [] };
      const stored = context.lookup.get('chauffeurs', id);
      if (givenCode !== undefined) {
        fields['code'] = givenCode;
        codes.reserve(givenCode, id);
      } else if (typeof stored?.['code'] === 'string') {
        codes.reserve(stored['code'], id);
      } else {
        // Initials and a number (Jean Dupont → JD01): short enough to type on a phone.
        const initials = codeFromText(`${prenom.slice(0, 1)}${nom.slice(0, 1)}`) || 'CH';
        defaults['code'] = codes.allocate(initials, id, 20, true);
      }
      if (context.add('chauffeurs', { id, fields, defaults, file, entry })) {
        for (const name of [oldId, givenCode, nom, `${prenom} ${nom}`, `${nom} ${prenom}`]) {
          if (name !== undefined) {
            index.set(name, id);
          }
        }
      }
    });
  });
  return index;
}

/** Resolves a driver named in another file (old id, name or code). */
export function resolveChauffeur(index: NameIndex<string>, name: string): string {
  const found = index.get(name);
  if (found === null) {
    throw new ValueError(`chauffeur « ${name} » ambigu`);
  }
  if (!found) {
    throw new ValueError(`chauffeur « ${name} » inconnu`);
  }
  return found;
}

const absenceTypes: [RegExp, string][] = [
  [/cong|^cp$|vacance/i, 'conges'],
  [/malad|arr[eê]t/i, 'maladie'],
  [/format/i, 'formation'],
];

/**
 * `dispo_chauffeurs.json`: absences, either a list of `{ chauffeur, date_debut|debut|date, date_fin|fin,
 * type|motif }` or an object "chauffeur → list" of such entries or of single days.
 */
export function mapDisponibilites(context: MapContext, content: unknown, chauffeurs: NameIndex<string>): void {
  const file = 'dispo_chauffeurs.json';
  if (content === undefined) {
    return;
  }
  const entries: { entry: string; chauffeur: unknown; raw: unknown }[] = [];
  if (Array.isArray(content)) {
    content.forEach((raw: unknown, position) => entries.push({ entry: `#${position + 1}`, chauffeur: isRecord(raw) ? raw['chauffeur'] : undefined, raw }));
  } else if (isRecord(content)) {
    for (const [name, list] of Object.entries(content)) {
      const items: unknown[] = Array.isArray(list) ? list : [list];
      items.forEach((raw, position) => entries.push({ entry: `${name} #${position + 1}`, chauffeur: name, raw }));
    }
  } else {
    context.reject('disponibilites', file, 'fichier', 'liste ou objet attendu');
    return;
  }
  for (const { entry, chauffeur, raw } of entries) {
    context.attempt('disponibilites', file, entry, () => {
      const chauffeurId = resolveChauffeur(chauffeurs, requiredString(chauffeur, 'chauffeur'));
      const record = isRecord(raw) ? raw : { date: raw };
      const debut = optionalDate(record['date_debut'] ?? record['debut'] ?? record['date'], 'date_debut');
      if (debut === undefined) {
        throw new ValueError('date de début manquante');
      }
      const fin = optionalDate(record['date_fin'] ?? record['fin'], 'date_fin') ?? debut;
      const label = optionalText(record['type'], 'type') ?? optionalText(record['motif'], 'motif') ?? '';
      const type = absenceTypes.find(([pattern]) => pattern.test(label))?.[1] ?? 'autre';
      const fields: Record<string, unknown> = {
        chauffeur_id: chauffeurId,
        date_debut: debut,
        date_fin: fin,
        type_absence: type,
        motif: optionalText(record['motif'], 'motif') ?? (type === 'autre' && label !== '' ? label : undefined),
      };
      const id = importId('disponibilite', `${chauffeurId}:${debut}:${fin}`);
      context.add('disponibilites', { id, fields, defaults: {}, file, entry });
    });
  }
}
