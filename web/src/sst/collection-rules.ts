import { checkDocument } from '@relais/domain';
import type { CollectionDocuments, CollectionName } from '@relais/schema';
import type { FieldErrors } from '../ui/form-helpers';
import { placeholderBase } from '../ui/form-helpers';

/**
 * A form's `refine` that applies the collection's business rules of `@relais/domain` (as the server
 * will); an issue on a nested field (`tarifs.0.date_fin`) is shown on its top-level field.
 */
export function refineWithRules<K extends CollectionName>(collection: K) {
  return (data: object, errors: FieldErrors): void => {
    for (const issue of checkDocument(collection, { ...placeholderBase, ...data } as CollectionDocuments[K])) {
      const field = issue.field.split('.')[0] ?? issue.field;
      errors[field] ??= { key: `errors.${issue.code}` };
    }
  };
}
