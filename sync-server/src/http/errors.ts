import { errorBody, errorStatus, type ErrorCode } from '@relais/sync-protocol';
import type { Context } from 'hono';

/** Answers `{ error: { code, message, details } }` with the status that goes with the code. */
export function sendError(c: Context, code: ErrorCode, message: string, details?: unknown): Response {
  return c.json(errorBody(code, message, details), errorStatus[code]);
}
