import { displayNumber, type NumberedDocument } from '@relais/domain';
import { useCallback } from 'react';
import { useNameWords } from '../sync/use-document-names';

/** A quote's or invoice's number in the user's language: "FA-2026-00012", or "Brouillon du 06/12/2026" until the server numbers it. */
export function useDocumentNumber(): (doc: NumberedDocument) => string {
  const words = useNameWords();
  return useCallback((doc: NumberedDocument) => displayNumber(doc, words.draft), [words]);
}
