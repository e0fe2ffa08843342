import { errorBody, errorStatus, type ErrorCode, type ErrorStatus } from '@relais/sync-protocol';
import type { Context } from 'hono';

/**
 * Answers `{ error: { code, message, details }, detail }` with the status that goes with the code;
 * `detail` repeats the message for TomatoPlan's clients.
 */
export function sendError(c: Context, code: ErrorCode, message: string, details?: unknown, status?: ErrorStatus): Response {
  const wait = retryAfterSeconds(details);
  if (code === 'TOO_MANY_REQUESTS' && wait !== undefined) {
    c.header('Retry-After', String(wait));
  }
  return c.json(errorBody(code, message, details), status ?? errorStatus[code]);
}

function retryAfterSeconds(details: unknown): number | undefined {
  const value = typeof details === 'object' && details !== null ? (details as Record<string, unknown>)['retry_after_seconds'] : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
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

/** 429 with `Retry-After` (and `retry_after_seconds` in the details, for the PWA's message). */
export function tooManyRequests(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError('TOO_MANY_REQUESTS', message, { retry_after_seconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}
