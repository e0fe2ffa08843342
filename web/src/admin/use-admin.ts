import { useCallback, useEffect, useState } from 'react';
import { logger } from '../ui/logger';
import { RequestError } from '../ui/json-client';

function asRequestError(error: unknown): RequestError {
  return error instanceof RequestError ? error : new RequestError('UNKNOWN', 0, error instanceof Error ? error.message : String(error));
}

export interface AdminData<T> {
  /** `undefined` until the first answer. */
  data: T | undefined;
  error: RequestError | null;
  reload: () => void;
}

/** Reads an administration route once, then again on `reload()`; the last answer stays shown while reloading. */
export function useAdminData<T>(load: () => Promise<T>): AdminData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<RequestError | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let active = true;
    load().then(
      (value) => {
        if (active) {
          setData(value);
          setError(null);
        }
      },
      (failure: unknown) => {
        if (active) {
          setError(asRequestError(failure));
        }
      },
    );
    return () => {
      active = false;
    };
    // `load` is a module-level call per screen; reading again is what `generation` is for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, reload };
}

export interface AdminAction {
  busy: boolean;
  error: RequestError | null;
  /** The last success, in words, until the next action. */
  notice: string | null;
  /** Runs one action at a time; `done` turns its answer into the notice. */
  run: <T>(action: () => Promise<T>, done: (result: T) => string) => Promise<boolean>;
  clear: () => void;
}

/** A button's call to the server: busy while it runs, then what happened or why it was refused. */
export function useAdminAction(): AdminAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>, done: (result: T) => string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await action();
      setNotice(done(result));
      return true;
    } catch (failure) {
      logger.warn('action d’administration refusée', failure);
      setError(asRequestError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setNotice(null);
  }, []);
  return { busy, error, notice, run, clear };
}
