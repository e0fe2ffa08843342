/**
 * Which licence categories a category covers (a CE holder may drive what C, C1E, C1, BE and B
 * allow; a C holder what C1 and B allow…), after the European licence directive 2006/126/EC.
 */
const covers: Record<string, readonly string[]> = {
  B: ['B'],
  BE: ['BE', 'B'],
  C1: ['C1', 'B'],
  C1E: ['C1E', 'C1', 'BE', 'B'],
  C: ['C', 'C1', 'B'],
  CE: ['CE', 'C', 'C1E', 'C1', 'BE', 'B'],
  D1: ['D1', 'B'],
  D1E: ['D1E', 'D1', 'BE', 'B'],
  D: ['D', 'D1', 'B'],
  DE: ['DE', 'D', 'D1E', 'D1', 'BE', 'B'],
};

/** The categories a licence field lists, as TomatoPlan wrote them (`CE`, `C, CE`, `c/ce`…). */
export function licenceCategories(permis: string | undefined): string[] {
  return (permis ?? '')
    .toUpperCase()
    .split(/[\s,;/+]+/)
    .filter((category) => category.length > 0);
}

/** Whether the categories held allow driving what `required` allows. */
export function holdsLicence(permis: string | undefined, required: string): boolean {
  const wanted = required.trim().toUpperCase();
  return licenceCategories(permis).some((held) => (covers[held] ?? [held]).includes(wanted));
}
