import { z } from 'zod';
import { baseFields, centsField, dateField, idField, requiredText, text } from './fields';
import { defineCollection } from './define';

/** A person to write to at a subcontractor (the "Annonces SST" go to these addresses). */
export const sstContactSchema = z.strictObject({
  id: idField,
  email: z.email().max(200),
  nom_contact: text(120).optional(),
  fonction: text(120).optional(),
  is_primary: z.boolean(),
});

export type SstContact = z.infer<typeof sstContactSchema>;

export const uniteTarifValues = ['voyage', 'palette', 'km'] as const;

/** What a subcontractor charges for a destination, per run, pallet or km, between two dates. */
export const sstTarifSchema = z.strictObject({
  id: idField,
  destination: requiredText(120),
  pays: text(60).optional(),
  prix: centsField,
  unite: z.enum(uniteTarifValues),
  date_debut: dateField.optional(),
  date_fin: dateField.optional(),
});

export type SstTarif = z.infer<typeof sstTarifSchema>;

/**
 * A subcontractor (sous-traitant) that runs missions with its own trucks. Its contacts and tariffs
 * live inside it: they are edited with it, and the open-source RxDB opens at most 13 collections
 * per page, which all modules share. `tarifs` is money: only roles with `view_finance` receive it.
 */
export const sstSchema = z.strictObject({
  ...baseFields,
  code: requiredText(20),
  nom: requiredText(120),
  raison_sociale: text(200).optional(),
  telephone: text(30).optional(),
  email: z.email().max(200).optional(),
  adresse: text(500).optional(),
  is_active: z.boolean(),
  commentaire: text(2000).optional(),
  contacts: z.array(sstContactSchema).max(50),
  tarifs: z.array(sstTarifSchema).max(500).optional(),
});

export type Sst = z.infer<typeof sstSchema>;

export const sst = defineCollection({
  name: 'sst',
  version: 0,
  schema: sstSchema,
  indexes: [['code']],
  uniqueFields: ['code'],
});

/** What a pallet delivered to a destination earns, between two dates; fills a planned mission's `revenu`. */
export const revenuPaletteSchema = z.strictObject({
  ...baseFields,
  destination: requiredText(120),
  pays: text(60).optional(),
  revenu_par_palette: centsField,
  date_debut: dateField.optional(),
  date_fin: dateField.optional(),
});

export type RevenuPalette = z.infer<typeof revenuPaletteSchema>;

export const revenus_palettes = defineCollection({
  name: 'revenus_palettes',
  version: 0,
  schema: revenuPaletteSchema,
  indexes: [['destination']],
});
