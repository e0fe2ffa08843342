import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { readOrCreateKeyFile } from '../files/key-file';

/**
 * Connector secrets (SSH and database passwords, private keys, API client secrets) are stored sealed
 * with AES-256-GCM, never in clear: one service for the WMS and SAGES connectors. A sealed value is
 * `v1:<iv>:<tag>:<ciphertext>` (base64url); its `context` (e.g. `wms:3:ssh_password`) is bound to it as
 * associated data, so a sealed value copied into another field does not open there.
 */
export interface SecretBox {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

/** What answers and screens show in place of a secret that is set. */
export const maskedSecret = '********';

/** A sealed value that does not open: wrong key (another server's), tampered, or moved to another field. */
export class SecretUnreadableError extends Error {
  override name = 'SecretUnreadableError';
}

const version = 'v1';
const keyBytes = 32;
const ivBytes = 12;

/** Where the generated key is kept when `RELAIS_SECRET_KEY` is not set: beside the database, like `jwt-secret`. */
export function secretKeyPath(databasePath: string): string {
  return join(dirname(databasePath), 'secret-key');
}

/**
 * The 32-byte key: derived (HKDF-SHA-256) from `RELAIS_SECRET_KEY` when set, else read from or
 * created in `secret-key` beside the database (0600). An in-memory database gets a key of its own.
 */
export function resolveSecretKey(configured: string | undefined, databasePath: string): Buffer {
  const material =
    configured !== undefined ? configured : databasePath === ':memory:' ? randomBytes(keyBytes).toString('base64url') : readOrCreateKeyFile(secretKeyPath(databasePath), keyBytes);
  return Buffer.from(hkdfSync('sha256', material, 'relais', 'relais-secrets-v1', keyBytes));
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== keyBytes) {
    throw new RangeError(`clé de chiffrement de ${key.length} octets : ${keyBytes} attendus`);
  }
  return {
    seal(plain, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [version, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
    },
    open(sealed, context) {
      const [tag, ivText, authTag, ciphertext] = sealed.split(':');
      if (tag !== version || ivText === undefined || authTag === undefined || ciphertext === undefined) {
        throw new SecretUnreadableError('secret chiffré illisible : format inconnu');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadableError('secret chiffré illisible : clé différente (RELAIS_SECRET_KEY ou fichier secret-key) ou valeur altérée');
      }
    },
  };
}
