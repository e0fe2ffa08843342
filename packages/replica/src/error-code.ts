interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  parameters?: { errors?: unknown[] };
}

/** The transport's error inside RxDB's wrapper, or the error itself. */
function causeOf(error: unknown): ErrorLike {
  const outer = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const inner = outer.parameters?.errors?.[0];
  return (typeof inner === 'object' && inner !== null ? inner : outer);
}

/**
 * The code of a replication error, for translation. RxDB wraps the transport's error and keeps it as
 * plain JSON (`{ name, message, code }`), not as an `Error` instance, so this reads it structurally.
 */
export function replicationErrorCode(error: unknown): string {
  const cause = causeOf(error);
  if (cause.name === 'ReplicationRequestError' && typeof cause.code === 'string') {
    return cause.code;
  }
  if (cause.name === 'TypeError') {
    return 'NETWORK';
  }
  return 'UNKNOWN';
}

/** The human message of a replication error (the server's own, when it sent one). */
export function replicationErrorMessage(error: unknown): string {
  const cause = causeOf(error);
  return typeof cause.message === 'string' ? cause.message : String(error);
}
