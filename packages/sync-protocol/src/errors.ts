import { z } from 'zod';

/**
 * Error codes shared by the server and its clients. The server answers
 * `{ error: { code, message, details } }`; the web app turns codes into French messages in one file.
 */
export const errorCodes = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'BAD_CHECKPOINT',
  'UNKNOWN_COLLECTION',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'DOMAIN_RULE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorStatus: Record<ErrorCode, 400 | 404 | 413 | 422 | 500> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  BAD_CHECKPOINT: 400,
  UNKNOWN_COLLECTION: 404,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  DOMAIN_RULE: 422,
  INTERNAL: 500,
};

/** One problem with one field of one document; `path` is the field path inside the request body. */
export const fieldIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});

export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/** Converts zod issues to field issues, prefixing each path (e.g. with the row index of a push). */
export function toFieldIssues(
  issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
  prefix: readonly (string | number)[] = [],
): FieldIssue[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))],
    code: issue.code,
    message: issue.message,
  }));
}
