import type { CollectionName } from '@relais/schema';
import type { ImportLookup } from './context';

/** Upper-case letters and digits only, without accents: what a code made from a name looks like. */
export function codeFromText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/**
 * Hands out unique codes for documents that have none, avoiding the codes stored in the database and
 * those given earlier in the same import.
 */
export class CodeAllocator {
  private readonly taken: Map<string, string>;

  constructor(lookup: ImportLookup, collection: CollectionName) {
    this.taken = new Map(lookup.idsByValue(collection, 'code'));
  }

  /** Records a code the import writes as given. */
  reserve(code: string, id: string): void {
    this.taken.set(code, id);
  }

  isFree(code: string, id: string): boolean {
    const owner = this.taken.get(code);
    return owner === undefined || owner === id;
  }

  /**
   * `base` itself when `numbered` is false and it is free, else `base` followed by the first free
   * number (two digits at least), cut to `maxLength`.
   */
  allocate(base: string, id: string, maxLength: number, numbered: boolean): string {
    if (!numbered && base !== '' && this.isFree(base.slice(0, maxLength), id)) {
      const code = base.slice(0, maxLength);
      this.taken.set(code, id);
      return code;
    }
    for (let number = numbered ? 1 : 2; ; number += 1) {
      const suffix = String(number).padStart(2, '0');
      const code = base.slice(0, maxLength - suffix.length) + suffix;
      if (this.isFree(code, id)) {
        this.taken.set(code, id);
        return code;
      }
    }
  }
}
