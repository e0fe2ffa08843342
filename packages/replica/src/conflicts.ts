import type { CollectionName } from '@relais/schema';
import { mergeConflict, sameValue, type Adjustment, type Refusal, type ReplacedField, type RuleParams } from '@relais/sync-protocol';
import type { RxConflictHandler } from 'rxdb';

/** What the user is told after a conflict was resolved. */
export interface ConflictReport {
  collection: CollectionName;
  documentId: string;
  /** Fields where the server's value replaced this client's; empty when everything merged cleanly. */
  replaced: ReplacedField[];
  /** The server refused this client's write (missing right); the document was put back as the server has it. */
  refused: boolean;
  /** Why the server refused it, when it said (a planning conflict found on sync, a missing right…). */
  reason?: { code: string; message: string; params?: RuleParams };
  resolvedAt: string;
}

export type ConflictReporter = (report: ConflictReport) => void;

/** A report the user should read: a value of theirs was replaced, or the server said why it acted. */
export function isNotable(report: ConflictReport): boolean {
  return report.replaced.length > 0 || report.reason !== undefined;
}

/**
 * Resolves a push conflict by a three-way merge of the state the client assumed, the server's state
 * and the client's edit: the user's changes to fields the server did not touch are kept, and where
 * both changed the same field the server wins and the replaced value is reported.
 */
export function createConflictHandler<T>(
  collection: CollectionName,
  report?: ConflictReporter,
  refusalOf?: (collection: CollectionName, id: string) => Refusal | undefined,
  adjustmentOf?: (collection: CollectionName, id: string) => Adjustment | undefined,
): RxConflictHandler<T> {
  return {
    isEqual(a, b) {
      return sameValue(a, b);
    },
    resolve(input) {
      // Stored with the server's own fields (a number…): what the server has is this write, completed.
      const adjustment = adjustmentOf?.(collection, (input.realMasterState as unknown as { id: string }).id);
      if (adjustment) {
        if (adjustment.notice) {
          report?.({
            collection,
            documentId: adjustment.id,
            replaced: [],
            refused: false,
            reason: adjustment.notice,
            resolvedAt: new Date().toISOString(),
          });
        }
        return Promise.resolve(input.realMasterState);
      }
      const { merged, replaced, refused } = mergeConflict({
        base: input.assumedMasterState,
        server: input.realMasterState,
        local: input.newDocumentState,
      });
      const documentId = (merged as unknown as { id: string }).id;
      const refusal = refused ? refusalOf?.(collection, documentId) : undefined;
      report?.({
        collection,
        documentId,
        replaced,
        refused,
        ...(refusal ? { reason: { code: refusal.code, message: refusal.message, ...(refusal.params ? { params: refusal.params } : {}) } } : {}),
        resolvedAt: new Date().toISOString(),
      });
      return Promise.resolve(merged);
    },
  };
}
