import WebSocket from 'ws';

/** A message of TomatoPlan's `/ws`, as the server sent it. */
export type LiveMessage = { type: string; data?: Record<string, unknown>; timestamp?: string } & Record<string, unknown>;

export interface LiveSocket {
  /** Every message received so far, in order, with when it arrived (`performance.now()`). */
  readonly messages: LiveMessage[];
  readonly arrivals: number[];
  /** Resolves with the close code and reason once the server (or we) closed it. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** The first message from index `from` on that `match` accepts, waiting up to `timeoutMs`. */
  next(match: (message: LiveMessage) => boolean, timeoutMs?: number, from?: number): Promise<LiveMessage>;
  send(message: unknown): void;
  close(): void;
}

/** `ws://…/ws?token=…` as TomatoPlan's desktop client opens it (no token: `token` undefined). */
export function openLiveSocket(baseUrl: string, token: string | undefined): LiveSocket {
  const url = `${baseUrl.replace(/^http/, 'ws')}/ws${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
  const socket = new WebSocket(url);
  const messages: LiveMessage[] = [];
  const arrivals: number[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    arrivals.push(performance.now());
    messages.push(JSON.parse(data.toString('utf8')) as LiveMessage);
    for (const waiter of waiters) {
      waiter();
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
  socket.on('error', () => undefined);
  return {
    messages,
    arrivals,
    closed,
    next(match, timeoutMs = 5000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages.slice(from).find(match);
          if (found) {
            waiters.delete(onMessage);
            clearTimeout(timer);
            resolve(found);
            return true;
          }
          return false;
        };
        const onMessage = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(onMessage);
          reject(new Error(`message attendu non reçu en ${timeoutMs} ms ; reçus : ${messages.map((message) => message.type).join(', ')}`));
        }, timeoutMs);
        if (!check()) {
          waiters.add(onMessage);
        }
      });
    },
    send(message) {
      const sendNow = (): void => socket.send(JSON.stringify(message));
      if (socket.readyState === WebSocket.OPEN) {
        sendNow();
      } else {
        socket.once('open', sendNow);
      }
    },
    close() {
      socket.close();
    },
  };
}

/** A `data_changed` message about this entity (and id). */
export function dataChanged(entity: string, id?: string): (message: LiveMessage) => boolean {
  return (message) => message.type === 'data_changed' && message.data?.['entity'] === entity && (id === undefined || message.data['entity_id'] === id);
}
