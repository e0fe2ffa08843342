import { toFieldIssues, type ErrorCode } from '@relais/sync-protocol';
import Database from 'better-sqlite3';
import { ZodError } from 'zod';

/** A refusal recognised among the errors no route turned into an `ApiError`. */
export interface RecognisedFailure {
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** A problem with the request's content: 422 on TomatoPlan's routes (FastAPI's), 400 elsewhere. */
  invalidInput: boolean;
}

/**
 * The errors a hostile or unlucky request can still raise past the routes' own checks, as the 4xx
 * they are: a SQLite constraint (two identical creations racing, a value made unique meanwhile) is
 * a 409, a JSON or zod error a 400/422, a malformed percent-encoding a 400. Anything else is a bug
 * and stays a 500.
 */
export function recogniseFailure(error: unknown): RecognisedFailure | undefined {
  if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
    return {
      code: 'CONFLICT',
      message: 'Enregistrement refusé : il existe déjà ou vient d’être modifié par une autre requête. Rechargez et recommencez.',
      details: { reason: error.code },
      invalidInput: false,
    };
  }
  if (error instanceof ZodError) {
    const issues = toFieldIssues(error.issues);
    const first = issues[0];
    const message = first ? `Requête invalide : ${first.path.join('.') || 'corps'} — ${first.message}` : 'Requête invalide';
    return { code: 'VALIDATION_FAILED', message, details: { issues }, invalidInput: true };
  }
  if (error instanceof SyntaxError) {
    return { code: 'BAD_REQUEST', message: 'Corps de requête JSON invalide', invalidInput: true };
  }
  if (error instanceof URIError) {
    return { code: 'BAD_REQUEST', message: 'Adresse mal encodée', invalidInput: false };
  }
  return undefined;
}
