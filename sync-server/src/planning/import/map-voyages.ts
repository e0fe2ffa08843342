import { NameIndex, type MapContext } from './context';
import { resolveSst } from './map-chauffeurs';
import type { SstRef } from './map-sst';
import {
  describe,
  importId,
  isRecord,
  nameKey,
  optionalBoolean,
  optionalCents,
  optionalInteger,
  optionalText,
  requiredString,
  ValueError,
} from './values';

export interface VoyageRef {
  id: string;
  code: string;
  pays: string;
}

/** The old tool's mission types; anything else is refused rather than guessed. */
export function typeMission(value: unknown, field: string): 'livraison' | 'ramasse' {
  const text = (optionalText(value, field) ?? 'LIVRAISON').toUpperCase();
  if (text === 'LIVRAISON') {
    return 'livraison';
  }
  if (text === 'RAMASSE') {
    return 'ramasse';
  }
  throw new ValueError(`${field} : LIVRAISON ou RAMASSE attendu, reçu ${describe(value)}`);
}

/** `voyages.json`: the regular lines, by code. */
export function mapVoyages(context: MapContext, content: unknown): NameIndex<VoyageRef> {
  const index = new NameIndex<VoyageRef>();
  const file = 'voyages.json';
  if (content === undefined) {
    return index;
  }
  if (!Array.isArray(content)) {
    context.reject('voyages', file, 'fichier', 'liste de voyages attendue');
    return index;
  }
  const byCode = context.lookup.idsByValue('voyages', 'code');
  content.forEach((raw: unknown, position) => {
    const entry = `#${position + 1}`;
    context.attempt('voyages', file, entry, () => {
      if (!isRecord(raw)) {
        throw new ValueError(`objet attendu, reçu ${describe(raw)}`);
      }
      const code = requiredString(raw['code'], 'code');
      // A voyage created in Relais with the same code is the same line: update it, not a twin.
      const id = byCode.get(code) ?? importId('voyage', nameKey(code));
      const pays = optionalText(raw['country'], 'country') ?? 'Belgique';
      const fields: Record<string, unknown> = {
        code,
        type_mission: typeMission(raw['type'], 'type'),
        is_active: optionalBoolean(raw['actif'], 'actif') ?? true,
        pays_destination: pays,
        // The old tool planned 60 minutes when the duration was not filled in.
        duree_conduite_min: optionalInteger(raw['duree'], 'duree') ?? 60,
      };
      const nom = optionalText(raw['nom'], 'nom');
      const defaults: Record<string, unknown> = { nom: code, jours_operation: [] };
      if (nom !== undefined) {
        fields['nom'] = nom;
      }
      if (context.add('voyages', { id, fields, defaults, file, entry })) {
        index.set(code, { id, code, pays });
      }
    });
  });
  return index;
}

/** `tarifs_sst.json`: subcontractor → voyage code → price per run, stored inside the subcontractor. */
export function mapTarifs(context: MapContext, content: unknown, ssts: NameIndex<SstRef>, voyages: NameIndex<VoyageRef>): void {
  const file = 'tarifs_sst.json';
  if (content === undefined) {
    return;
  }
  if (!isRecord(content)) {
    context.reject('sst', file, 'fichier', 'objet « sous-traitant → code voyage → prix » attendu');
    return;
  }
  for (const [name, prices] of Object.entries(content)) {
    context.attempt('sst', file, name, () => {
      const sstId = resolveSst(ssts, name);
      const sst = ssts.get(name);
      if (!isRecord(prices)) {
        throw new ValueError(`objet « code voyage → prix » attendu, reçu ${describe(prices)}`);
      }
      const tarifs: Record<string, unknown>[] = [];
      for (const [code, price] of Object.entries(prices)) {
        context.attempt('sst', file, `${name} / ${code}`, () => {
          const voyage = voyages.get(code);
          if (!voyage) {
            throw new ValueError(`voyage « ${code} » ${voyage === null ? 'ambigu' : 'inconnu'}`);
          }
          const prix = optionalCents(price, 'prix');
          if (prix === undefined) {
            throw new ValueError('prix manquant');
          }
          tarifs.push({
            id: importId('sst-tarif', `${sstId}:${nameKey(voyage.code)}`),
            // Relais prices a destination; the old tool priced a line, named by its code.
            destination: voyage.code,
            pays: voyage.pays,
            prix,
            unite: 'voyage',
          });
        });
      }
      if (sst) {
        sst.candidate.fields['tarifs'] = tarifs;
      }
    });
  }
}

interface Bracket {
  min: number;
  max: number | undefined;
  revenu: number;
}

function readBracket(raw: unknown): Bracket {
  if (!isRecord(raw)) {
    throw new ValueError(`tranche { min, max, revenu } attendue, reçu ${describe(raw)}`);
  }
  const revenu = optionalCents(raw['revenu'], 'revenu');
  if (revenu === undefined) {
    throw new ValueError('revenu manquant');
  }
  const min = optionalInteger(raw['min'], 'min') ?? 0;
  const max = optionalInteger(raw['max'], 'max');
  if (max !== undefined && max < min) {
    throw new ValueError(`tranche ${min}–${max} : max inférieur à min`);
  }
  return { min, max, revenu };
}

/**
 * The pallet count a bracket's revenue is spread over: its top (a full bracket), or its bottom when
 * it is open-ended. Zero means the bracket has no per-pallet meaning.
 */
function palletsOf(bracket: Bracket): number {
  return bracket.max ?? bracket.min;
}

function euros(cents: number): string {
  return `${(cents / 100).toFixed(2).replace('.', ',')} €`;
}

/**
 * `revenus_palettes.json`: voyage code → brackets `{ min, max, revenu }`, where `revenu` is what a
 * run with between min and max pallets earns. Relais keeps one revenue per pallet per destination,
 * so a bracketed price is only approximated: the rate kept is that of the widest-reaching bracket
 * (the highest max: full trucks, the usual case), its revenue divided by its max. Every other bracket
 * whose own rate (revenue ÷ its max) differs from it by more than a cent is reported as a warning,
 * with both figures, so the person importing sees which prices Relais will not reproduce.
 */
export function mapRevenus(context: MapContext, content: unknown, voyages: NameIndex<VoyageRef>): void {
  const file = 'revenus_palettes.json';
  if (content === undefined) {
    return;
  }
  if (!isRecord(content)) {
    context.reject('revenus_palettes', file, 'fichier', 'objet « code voyage → tranches » attendu');
    return;
  }
  for (const [code, list] of Object.entries(content)) {
    context.attempt('revenus_palettes', file, code, () => {
      const voyage = voyages.get(code);
      if (!voyage) {
        throw new ValueError(`voyage « ${code} » ${voyage === null ? 'ambigu' : 'inconnu'}`);
      }
      const raws: unknown[] = Array.isArray(list) ? list : [list];
      const brackets: Bracket[] = [];
      raws.forEach((raw, position) => {
        context.attempt('revenus_palettes', file, `${code} #${position + 1}`, () => brackets.push(readBracket(raw)));
      });
      const usable = brackets.filter((bracket) => palletsOf(bracket) > 0);
      for (const bracket of brackets.filter((item) => palletsOf(item) === 0)) {
        context.warn('revenus_palettes', file, code, `tranche ${bracket.min}–${bracket.max ?? '…'} (${euros(bracket.revenu)}) sans nombre de palettes : ignorée`);
      }
      const reference = usable.reduce<Bracket | undefined>((best, item) => (!best || palletsOf(item) > palletsOf(best) ? item : best), undefined);
      if (!reference) {
        throw new ValueError('aucune tranche utilisable');
      }
      const rate = Math.round(reference.revenu / palletsOf(reference));
      for (const bracket of usable) {
        const own = Math.round(bracket.revenu / palletsOf(bracket));
        if (Math.abs(own - rate) > 1) {
          context.warn(
            'revenus_palettes',
            file,
            code,
            `tranche ${bracket.min}–${bracket.max ?? '…'} palettes à ${euros(bracket.revenu)} (soit ${euros(own)} par palette) non représentable : ${euros(rate)} par palette retenu`,
          );
        }
      }
      const fields = { destination: voyage.code, pays: voyage.pays, revenu_par_palette: rate };
      context.add('revenus_palettes', { id: importId('revenu-palette', nameKey(voyage.code)), fields, defaults: {}, file, entry: code });
    });
  }
}
