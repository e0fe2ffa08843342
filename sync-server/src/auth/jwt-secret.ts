import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { readOrCreateKeyFile } from '../files/key-file';

/** Where the generated signing key is kept: beside the database, so backups of the folder carry it. */
export function jwtSecretPath(databasePath: string): string {
  return join(dirname(databasePath), 'jwt-secret');
}

/**
 * The key that signs access tokens: `RELAIS_JWT_SECRET` when set; otherwise a random key generated
 * on first start and kept (mode 0600) in `jwt-secret` beside the database, so tokens survive a
 * restart. An in-memory database gets a key of its own that lives as long as the process.
 */
export function resolveJwtSecret(configured: string | undefined, databasePath: string): Uint8Array {
  if (configured !== undefined) {
    return new TextEncoder().encode(configured);
  }
  if (databasePath === ':memory:') {
    return randomBytes(64);
  }
  const path = jwtSecretPath(databasePath);
  const secret = readOrCreateKeyFile(path, 64);
  if (secret.length < 32) {
    throw new Error(`Clé de signature trop courte dans ${path} : supprimez le fichier pour en générer une nouvelle.`);
  }
  return new TextEncoder().encode(secret);
}
