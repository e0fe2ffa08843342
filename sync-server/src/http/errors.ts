import { errorBody, errorStatus, type ErrorCode, type ErrorStatus } from '@relais/sync-protocol';
import type { Context } from 'hono';

/**
 * Answers `{ error: { code, message, details }, detail }` with the status that goes with the code;
 * `detail` repeats the message for TomatoPlan's clients.
 */
export function sendError(c: Context, code: ErrorCode, message: string, details?: unknown, status?: ErrorStatus): Response {
  return c.json(errorBody(code, message, details), status ?? errorStatus[code]);
}

/** A refusal raised deep in a service; the app's error handler answers it with `sendError`. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Overrides the code's usual status, e.g. 422 for TomatoPlan's clients, which expect FastAPI's. */
    readonly status?: ErrorStatus,
  ) {
    super(message);
  }
}
