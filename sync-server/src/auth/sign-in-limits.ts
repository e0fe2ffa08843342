/**
 * In-memory brakes on password guessing, beside the account lock kept in the database. They live in
 * the server process (a restart forgets them): they slow an attack down, the lock and the password
 * policy are what stop it.
 */

/** Time, injectable so tests can move it. */
interface Clock {
  now(): number;
}

/** How many failed sign-ins are tolerated before answering 429; failures and attempts in flight both count. */
export interface SignInLimits {
  /** The sliding window over which failures count, in seconds. */
  windowSeconds: number;
  /** From one client address, whatever the usernames: generous, as a whole office may share one NAT address. */
  perAddress: number;
  /** Against one username, from any address (unknown usernames included, so the answer tells nothing). */
  perUsername: number;
}

export const defaultSignInLimits: SignInLimits = { windowSeconds: 15 * 60, perAddress: 60, perUsername: 20 };

/** Beyond this many keys, forgotten ones are swept and then the oldest dropped: memory stays bounded under a spray. */
const maxKeys = 50_000;

function evictOldest<Value>(map: Map<string, Value>, keep: (value: Value) => boolean): void {
  if (map.size <= maxKeys) {
    return;
  }
  for (const [key, value] of map) {
    if (!keep(value)) {
      map.delete(key);
    }
  }
  for (const key of map.keys()) {
    if (map.size <= maxKeys) {
      break;
    }
    map.delete(key);
  }
}

interface Bucket {
  /** Times of the latest failures, oldest first; never more than the limit. */
  failures: number[];
  inFlight: number;
  /** Already refused since its last allowed attempt (the refusal is logged once, not per request). */
  refused: boolean;
}

/**
 * A sliding window of failures per key. An attempt takes a slot while it runs (so a burst of parallel
 * guesses counts in full before any password is checked) and keeps it as a failure if it fails.
 */
export function createSlidingWindow(limit: number, windowMs: number, clock: Clock) {
  const buckets = new Map<string, Bucket>();

  function current(key: string): Bucket | undefined {
    const bucket = buckets.get(key);
    if (bucket) {
      const horizon = clock.now() - windowMs;
      while (bucket.failures.length > 0 && (bucket.failures[0] ?? 0) <= horizon) {
        bucket.failures.shift();
      }
    }
    return bucket;
  }

  function forgettable(bucket: Bucket): boolean {
    return bucket.inFlight === 0 && bucket.failures.length === 0;
  }

  return {
    /** Milliseconds before `key` may try again (0 when it may now), and whether it is the first refusal in a row. */
    check(key: string): { waitMs: number; first: boolean } {
      const bucket = current(key);
      if (!bucket || bucket.failures.length + bucket.inFlight < limit) {
        return { waitMs: 0, first: false };
      }
      const first = !bucket.refused;
      bucket.refused = true;
      // A slot frees when enough of the oldest failures leave the window; attempts in flight end within a second or so.
      const freeing = bucket.failures[bucket.failures.length - limit + bucket.inFlight];
      return { waitMs: freeing === undefined ? 1000 : Math.max(1000, freeing + windowMs - clock.now()), first };
    },
    acquire(key: string): void {
      const bucket = current(key) ?? { failures: [], inFlight: 0, refused: false };
      bucket.refused = false;
      bucket.inFlight += 1;
      buckets.set(key, bucket);
      evictOldest(buckets, (kept) => !forgettable(kept));
    },
    release(key: string, failed: boolean): void {
      const bucket = current(key);
      if (!bucket) {
        return;
      }
      bucket.inFlight = Math.max(0, bucket.inFlight - 1);
      if (failed) {
        bucket.failures.push(clock.now());
        if (bucket.failures.length > limit) {
          bucket.failures.shift();
        }
      }
      if (forgettable(bucket)) {
        buckets.delete(key);
      }
    },
  };
}

/** The held-back attempt: 429 with the seconds to wait; `first` for the first refusal in a row (the one worth logging). */
export interface Throttled {
  retryAfterSeconds: number;
  first: boolean;
}

/** One sign-in attempt holding its slots; `end` says whether it failed. */
export interface SignInAttempt {
  end(failed: boolean): void;
}

/** Failures per client address and per username (`perUsername` is skipped when `exemptUsername`). */
export function createSignInLimiter(limits: SignInLimits, clock: Clock) {
  const windowMs = limits.windowSeconds * 1000;
  const byAddress = createSlidingWindow(limits.perAddress, windowMs, clock);
  const byUsername = createSlidingWindow(limits.perUsername, windowMs, clock);

  return {
    begin(address: string, username: string, exemptUsername: boolean): SignInAttempt | Throttled {
      const fromAddress = byAddress.check(address);
      const onUsername = exemptUsername ? { waitMs: 0, first: false } : byUsername.check(username);
      const waitMs = Math.max(fromAddress.waitMs, onUsername.waitMs);
      if (waitMs > 0) {
        return { retryAfterSeconds: Math.ceil(waitMs / 1000), first: fromAddress.first || onUsername.first };
      }
      byAddress.acquire(address);
      if (!exemptUsername) {
        byUsername.acquire(username);
      }
      let ended = false;
      return {
        end(failed: boolean): void {
          if (ended) {
            return;
          }
          ended = true;
          byAddress.release(address, failed);
          if (!exemptUsername) {
            byUsername.release(username, failed);
          }
        },
      };
    },
  };
}

interface Delay {
  failures: number;
  notBefore: number;
  lastAt: number;
  /** The `notBefore` already refused once (logged once per delay, not per request). */
  refusedUntil: number;
}

/**
 * Progressive delays per (account, address), for the accounts a remote stranger must not be able to
 * lock: after `free` failures from one address, that address waits 30 s, then 1, 2, 4, 8 min, up to
 * 15 min between guesses; other addresses are not affected. A success from the address clears it, and
 * so does an hour without attempts once the delay is over.
 */
export function createProgressiveDelays(free: number, clock: Clock) {
  const baseMs = 30_000;
  const capMs = 15 * 60_000;
  const quietMs = 60 * 60_000;
  const delays = new Map<string, Delay>();
  const quiet = (delay: Delay, now: number): boolean => now - Math.max(delay.lastAt, delay.notBefore) >= quietMs;

  return {
    /** Counts the attempt before its password is checked; held back while the address must still wait. */
    begin(key: string): { failures: number } | Throttled {
      const now = clock.now();
      const known = delays.get(key);
      if (known && now < known.notBefore) {
        const first = known.notBefore !== known.refusedUntil;
        known.refusedUntil = known.notBefore;
        return { retryAfterSeconds: Math.ceil((known.notBefore - now) / 1000), first };
      }
      const delay = known && !quiet(known, now) ? known : { failures: 0, notBefore: 0, lastAt: now, refusedUntil: 0 };
      delay.failures += 1;
      delay.lastAt = now;
      if (delay.failures >= free) {
        delay.notBefore = now + Math.min(capMs, baseMs * 2 ** (delay.failures - free));
      }
      delays.delete(key);
      delays.set(key, delay);
      evictOldest(delays, (kept) => !quiet(kept, clock.now()));
      return { failures: delay.failures };
    },
    succeeded(key: string): void {
      delays.delete(key);
    },
  };
}

/**
 * The account lock's twin for usernames that do not exist, so that a lock tells nothing about which
 * accounts exist: the same count, the same duration, the same answers.
 */
export function createPhantomLocks(maxFailures: number, lockMs: number, clock: Clock) {
  const locks = new Map<string, { failures: number; lockedUntil: number | null }>();

  return {
    /**
     * Counts an attempt on an unknown username before the (dummy) password check, as the database does
     * for real accounts: already locked (`justLocked` false), locked by this attempt, or not locked.
     */
    attempt(username: string): { lockedUntil: number; justLocked: boolean } | { lockedUntil: null } {
      const now = clock.now();
      const known = locks.get(username);
      if (known?.lockedUntil != null && known.lockedUntil > now) {
        return { lockedUntil: known.lockedUntil, justLocked: false };
      }
      const failures = known?.lockedUntil == null ? (known?.failures ?? 0) + 1 : 1;
      const lockedUntil = failures >= maxFailures ? now + lockMs : null;
      locks.delete(username);
      locks.set(username, { failures: lockedUntil === null ? failures : 0, lockedUntil });
      evictOldest(locks, (kept) => kept.lockedUntil !== null && kept.lockedUntil > clock.now());
      return lockedUntil === null ? { lockedUntil } : { lockedUntil, justLocked: true };
    },
  };
}

export function isThrottled(value: object): value is Throttled {
  return 'retryAfterSeconds' in value;
}
