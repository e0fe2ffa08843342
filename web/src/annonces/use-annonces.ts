import { useEffect, useState } from 'react';
import { RequestError } from '../ui/json-client';

export type Loaded<T> = { status: 'offline' } | { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; code: string; message: string };

export function errorOf(error: unknown): { code: string; message: string } {
  return error instanceof RequestError ? { code: error.code, message: error.message } : { code: 'UNKNOWN', message: String(error) };
}

/**
 * Reads from the server while online; `key` names what is read (date, page, attempt), so a
 * change reloads and an answer to an older key is dropped.
 */
export function useServerRead<T>(key: string, online: boolean, read: () => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<{ key: string; loaded: Loaded<T> } | null>(null);
  useEffect(() => {
    if (!online) {
      return undefined;
    }
    let current = true;
    read().then(
      (data) => current && setResult({ key, loaded: { status: 'ready', data } }),
      (error: unknown) => current && setResult({ key, loaded: { status: 'error', ...errorOf(error) } }),
    );
    return () => {
      current = false;
    };
    // `read` is rebuilt each render; `key` says when it reads something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, online]);
  if (!online) {
    return { status: 'offline' };
  }
  return result?.key === key ? result.loaded : { status: 'loading' };
}
