import { streamHeartbeatSeconds } from '@relais/sync-protocol';

/** What bounds the live pull streams, so that no number of slow or greedy readers exhausts the server. */
export interface StreamLimits {
  /** Bytes one stream may hold for its client (queued, not yet written) before it gets a `RESYNC` instead. */
  queueBytes: number;
  /** Open streams per session: the tabs of one browser share a session. */
  perSession: number;
  /** Open streams on the whole server. */
  total: number;
  /** A stream whose client has taken nothing for this long is closed (its client reconnects); checked every quarter of it. */
  stallMs: number;
  /** Between heartbeats. */
  heartbeatMs: number;
}

export const defaultStreamLimits: StreamLimits = {
  queueBytes: 1024 * 1024,
  perSession: 8,
  total: 500,
  stallMs: 120_000,
  heartbeatMs: streamHeartbeatSeconds * 1000,
};

/** Why a stream was refused: the session, or the server, already holds as many streams as allowed. */
export type StreamRefusal = 'session' | 'server';

/** Counts the open streams, per session and in total. */
export function createStreamSlots(limits: Pick<StreamLimits, 'perSession' | 'total'>) {
  const bySession = new Map<string, number>();
  let open = 0;
  return {
    /** Takes a slot for a new stream of this session; `release` gives it back (once, whatever calls it). */
    take(sessionId: string): { release(): void } | StreamRefusal {
      const held = bySession.get(sessionId) ?? 0;
      if (held >= limits.perSession) {
        return 'session';
      }
      if (open >= limits.total) {
        return 'server';
      }
      bySession.set(sessionId, held + 1);
      open += 1;
      let released = false;
      return {
        release() {
          if (released) {
            return;
          }
          released = true;
          open -= 1;
          const left = (bySession.get(sessionId) ?? 1) - 1;
          if (left > 0) {
            bySession.set(sessionId, left);
          } else {
            bySession.delete(sessionId);
          }
        },
      };
    },
    /** Streams open now, on the server or for one session. */
    count(sessionId?: string): number {
      return sessionId === undefined ? open : (bySession.get(sessionId) ?? 0);
    },
  };
}

export type StreamSlots = ReturnType<typeof createStreamSlots>;
