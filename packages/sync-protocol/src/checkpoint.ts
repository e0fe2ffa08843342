import { z } from 'zod';

/**
 * A replication checkpoint: the server sequence number of the last document received, and the
 * identity of the server database it was read from. The server stamps a strictly increasing
 * sequence inside each write transaction, so pulling "everything after seq" returns every later
 * write exactly once, in order. A restore gives the database a new identity: a checkpoint of
 * another identity says nothing about this database, and the server answers it from the start.
 * Checkpoints written before identities existed have none and are taken as they are.
 */
export const checkpointSchema = z.strictObject({
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  db: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

export const initialCheckpoint: Checkpoint = { seq: 0 };

export type CheckpointParseResult = { ok: true; checkpoint: Checkpoint } | { ok: false; message: string };

/** Reads the `checkpoint` query parameter (URL-decoded JSON, absent on the first pull). */
export function parseCheckpointParam(raw: string | undefined | null): CheckpointParseResult {
  if (raw === undefined || raw === null || raw === '' || raw === 'null' || raw === 'undefined') {
    return { ok: true, checkpoint: initialCheckpoint };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'checkpoint: JSON invalide' };
  }
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, message: `checkpoint: ${parsed.error.issues.map((issue) => issue.message).join(', ')}` };
  }
  return { ok: true, checkpoint: parsed.data };
}

export function encodeCheckpointParam(checkpoint: Checkpoint | undefined): string {
  return checkpoint === undefined ? '' : encodeURIComponent(JSON.stringify(checkpoint));
}

/** The later of two checkpoints. */
export function laterCheckpoint(a: Checkpoint, b: Checkpoint): Checkpoint {
  return a.seq >= b.seq ? a : b;
}

/** Default and maximum pull batch sizes. */
export const defaultPullLimit = 200;
export const maxPullLimit = 5000;

export function parseLimitParam(raw: string | undefined | null): number | undefined {
  if (raw === undefined || raw === null || raw === '') {
    return defaultPullLimit;
  }
  if (!/^\d+$/.test(raw)) {
    return undefined;
  }
  const value = Number(raw);
  return value >= 1 && value <= maxPullLimit ? value : undefined;
}
