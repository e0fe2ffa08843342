import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export { passwordPolicyIssues } from '@relais/domain';

/** log2 of scrypt's N in new hashes; 2^15 with r = 8 costs about 32 MiB and a few tens of ms. */
export const defaultPasswordCost = 15;
const blockSize = 8;
const parallelism = 1;
const keyLength = 64;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const N = options.N ?? 2 ** defaultPasswordCost;
  const r = options.r ?? blockSize;
  // scrypt needs 128·N·r bytes; leave room above it.
  const maxmem = 256 * N * r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url): the parameters travel with the hash. */
export async function hashPassword(password: string, cost = defaultPasswordCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: 2 ** cost, r: blockSize, p: parallelism });
  return ['scrypt', cost, blockSize, parallelism, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !r || !p || !salt || !hash) {
    return false;
  }
  const expected = Buffer.from(hash, 'base64url');
  const [logN, block, parallel] = [Number(cost), Number(r), Number(p)];
  if (![logN, block, parallel].every(Number.isInteger) || logN < 1 || logN > 20 || expected.length === 0) {
    return false;
  }
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: 2 ** logN, r: block, p: parallel });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const lower = 'abcdefghijkmnopqrstuvwxyz';
const digits = '23456789';

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

/** A one-time password meeting the policy, without look-alike characters (0/O, 1/l/I). */
export function generateTemporaryPassword(length = 12): string {
  const chars = [pick(upper), pick(lower), pick(digits)];
  while (chars.length < length) {
    chars.push(pick(upper + lower + digits));
  }
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
