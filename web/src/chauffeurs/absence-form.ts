import { disponibiliteSchema, type typeAbsenceValues, type Disponibilite } from '@relais/schema';
import { refineWithRules } from '../sst/collection-rules';
import { defineDocumentForm, optionalTextField, textField, type FormValues } from '../ui/document-form';

export type TypeAbsence = (typeof typeAbsenceValues)[number];

const absenceFields = {
  chauffeur_id: textField(),
  date_debut: textField(),
  date_fin: textField(),
  type_absence: textField<TypeAbsence>('conges'),
  motif: optionalTextField(),
};

export type AbsenceFormValues = FormValues<typeof absenceFields>;

/** An absence of a chauffeur, both days included; the end may not precede the start. */
export const absenceForm = defineDocumentForm({
  schema: disponibiliteSchema,
  fields: absenceFields,
  formats: { date_debut: 'date', date_fin: 'date' },
  refine: refineWithRules('disponibilites'),
});

/** Absences sorted by first day, most recent last; those ending before `from` are left out when given. */
export function absencesFrom(absences: readonly Disponibilite[], from?: string): Disponibilite[] {
  return absences
    .filter((absence) => from === undefined || absence.date_fin >= from)
    .sort((a, b) => a.date_debut.localeCompare(b.date_debut) || a.date_fin.localeCompare(b.date_fin));
}

/** Whether the chauffeur is absent on `day`. */
export function isAbsentOn(absences: readonly Pick<Disponibilite, 'date_debut' | 'date_fin'>[], day: string): boolean {
  return absences.some((absence) => absence.date_debut <= day && day <= absence.date_fin);
}
