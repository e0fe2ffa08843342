import { z } from 'zod';

/**
 * Error codes shared by the server and its clients. The server answers
 * `{ error: { code, message, details }, detail }`; the web app turns codes into French messages in one
 * file. `detail` repeats the French message for TomatoPlan's clients, which show only that field.
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
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'PASSWORD_CHANGE_REQUIRED',
  'WEAK_PASSWORD',
  'MFA_INVALID',
  'MFA_EXPIRED',
  'MAIL_UNAVAILABLE',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'ALREADY_RUNNING',
  'MAINTENANCE',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 423 | 429 | 500 | 503;

export const errorStatus: Record<ErrorCode, ErrorStatus> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  BAD_CHECKPOINT: 400,
  UNKNOWN_COLLECTION: 404,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  DOMAIN_RULE: 422,
  INTERNAL: 500,
  /** No token, a tampered or expired one, or a revoked session: sign in again. */
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  /** Signed in with a one-time password: only the password change is allowed. */
  PASSWORD_CHANGE_REQUIRED: 403,
  WEAK_PASSWORD: 400,
  /** A wrong MFA code; the challenge stays open until its attempts run out. */
  MFA_INVALID: 401,
  /** The MFA challenge is expired, used or voided: sign in again for a new code. */
  MFA_EXPIRED: 401,
  MAIL_UNAVAILABLE: 503,
  CONFLICT: 409,
  /** Too many at once (sign-in attempts, live pull streams): the answer's `Retry-After` header says how many seconds to wait. */
  TOO_MANY_REQUESTS: 429,
  /** A job asked to run while a run of it still goes on (here or in `relais job run`). */
  ALREADY_RUNNING: 409,
  /** The server refuses writes for a moment (a database restore): the client retries, nothing is lost. */
  MAINTENANCE: 503,
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
  /** The same message, where TomatoPlan's clients look for it. */
  detail: z.string().optional(),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  const error = details === undefined ? { code, message } : { code, message, details };
  return { error, detail: message };
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
