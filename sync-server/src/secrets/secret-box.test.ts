import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox, resolveSecretKey, secretKeyPath, SecretUnreadableError } from './secret-box';

const dirs: string[] = [];
function tempDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-secrets-'));
  dirs.push(dir);
  return join(dir, 'data', 'relais.db');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('secret box', () => {
  it('seals without the clear text and opens back, with a fresh IV each time', () => {
    const box = createSecretBox(resolveSecretKey('une phrase de passe assez longue pour la clé', ':memory:'));
    const sealed = box.seal('Mot de passe é€ 🔑', 'wms:1:ssh_password');
    expect(sealed).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('Mot de passe');
    expect(box.seal('Mot de passe é€ 🔑', 'wms:1:ssh_password')).not.toBe(sealed);
    expect(box.open(sealed, 'wms:1:ssh_password')).toBe('Mot de passe é€ 🔑');
  });

  it('refuses a value moved to another field, tampered, or sealed with another key', () => {
    const box = createSecretBox(resolveSecretKey('une phrase de passe assez longue pour la clé', ':memory:'));
    const sealed = box.seal('secret', 'wms:1:ssh_password');
    expect(() => box.open(sealed, 'wms:2:ssh_password')).toThrow(SecretUnreadableError);
    const [v, iv, tag, data = ''] = sealed.split(':');
    const flipped = `${v}:${iv}:${tag}:${data.startsWith('A') ? `B${data.slice(1)}` : `A${data.slice(1)}`}`;
    expect(() => box.open(flipped, 'wms:1:ssh_password')).toThrow(SecretUnreadableError);
    const other = createSecretBox(resolveSecretKey('une autre phrase de passe assez longue', ':memory:'));
    expect(() => other.open(sealed, 'wms:1:ssh_password')).toThrow(/clé différente/);
    expect(() => box.open('en clair', 'wms:1:ssh_password')).toThrow(/format inconnu/);
  });

  it('keeps a generated key in a private file beside the database, the same on every start', () => {
    const database = tempDatabase();
    const first = resolveSecretKey(undefined, database);
    const path = secretKeyPath(database);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').length).toBeGreaterThanOrEqual(43);
    expect(resolveSecretKey(undefined, database).equals(first)).toBe(true);
    const sealed = createSecretBox(first).seal('x', 'c');
    expect(createSecretBox(resolveSecretKey(undefined, database)).open(sealed, 'c')).toBe('x');
  });
});
