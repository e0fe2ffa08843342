import { heartbeatFrame, resyncFrame } from './stream-frames';

/**
 * The frames waiting for one pull stream's client, bounded in bytes. The bytes counted are those of
 * the batches queued and of the frame being written, until its write returns (the socket took it).
 *
 * A `RESYNC` makes the client pull everything after its checkpoint, so it supersedes whatever is
 * queued before it: the queue is dropped, and batches committed while it waits are not queued either
 * (the pull the client makes when it reads it returns them). A client that falls behind by more than
 * `maxBytes` gets that: its queue is dropped for one `RESYNC`. A stalled client thus costs at most
 * `maxBytes`, however many writes follow.
 */
export function createStreamQueue(maxBytes: number) {
  let frames: Uint8Array[] = [];
  let queuedBytes = 0;
  let writingBytes = 0;
  let resync = false;
  let heartbeat = false;
  let writing = false;

  const dropForResync = (): void => {
    frames = [];
    queuedBytes = 0;
    heartbeat = false;
    resync = true;
  };

  return {
    /** Asks the client to pull again (on connect, or when the database changed elsewhere). */
    resync(): void {
      dropForResync();
    },
    /**
     * Queues a committed batch, made only if it is to be queued; returns false when it did not fit,
     * so the queue was dropped for a `RESYNC` instead.
     */
    batch(frame: () => Uint8Array): boolean {
      if (resync) {
        return true;
      }
      const made = frame();
      if (writingBytes + queuedBytes + made.byteLength > maxBytes) {
        dropForResync();
        return false;
      }
      frames.push(made);
      queuedBytes += made.byteLength;
      heartbeat = false;
      return true;
    },
    /** A keep-alive for proxies, only when nothing else is queued or being written. */
    heartbeat(): void {
      if (!resync && frames.length === 0 && !writing) {
        heartbeat = true;
      }
    },
    /** The next frame to write, counted as being written until `written()`; undefined when idle. */
    next(): Uint8Array | undefined {
      if (writing) {
        throw new Error('une écriture est déjà en cours sur ce flux');
      }
      let frame: Uint8Array | undefined;
      if (resync) {
        resync = false;
        frame = resyncFrame;
      } else if (frames.length > 0) {
        frame = frames.shift();
        queuedBytes -= frame?.byteLength ?? 0;
        writingBytes = frame?.byteLength ?? 0;
      } else if (heartbeat) {
        heartbeat = false;
        frame = heartbeatFrame;
      }
      writing = frame !== undefined;
      return frame;
    },
    /** The frame from `next()` has been handed to the socket. */
    written(): void {
      writing = false;
      writingBytes = 0;
    },
    /** Bytes queued or being written. */
    bytes(): number {
      return queuedBytes + writingBytes;
    },
  };
}

export type StreamQueue = ReturnType<typeof createStreamQueue>;
