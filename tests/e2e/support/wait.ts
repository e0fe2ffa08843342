/** Default bound of every wait in the e2e tests: generous for a slow CI, but never endless. */
export const defaultTimeoutMs = 30_000;

export interface PollOptions {
  /** What is awaited, for the error message ("sync-badge data-pending = 0"). */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** The current state, appended to the error message on timeout. */
  describe?: () => Promise<string> | string;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return typeof error === 'string' ? error : JSON.stringify(error);
}

async function describeState(options: PollOptions): Promise<string> {
  if (!options.describe) {
    return '';
  }
  try {
    return ` ; état : ${await options.describe()}`;
  } catch (error) {
    return ` ; état illisible : ${messageOf(error)}`;
  }
}

/**
 * Polls `check` until it returns a value other than `undefined`/`false`, or throws after `timeoutMs`
 * with the awaited condition, the last error and the current state.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined | false>, options: PollOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) {
        return value;
      }
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const state = await describeState(options);
      const cause = lastError === undefined ? '' : ` ; dernière erreur : ${messageOf(lastError)}`;
      throw new Error(`Délai dépassé (${timeoutMs} ms) en attendant : ${options.what}${state}${cause}`, { cause: lastError });
    }
    await delay(options.intervalMs ?? 200);
  }
}

/** `promise`, or an error naming `what` after `timeoutMs` (for page.evaluate calls, which have no timeout). */
export async function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = defaultTimeoutMs): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Délai dépassé (${timeoutMs} ms) en attendant : ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
