import { describe, expect, it } from 'vitest';
import { generateTemporaryPassword, hashPassword, passwordPolicyIssues, verifyPassword } from './password';

describe('password policy', () => {
  it('accepts 8+ characters with upper case, lower case and a digit', () => {
    expect(passwordPolicyIssues('Relais2026')).toEqual([]);
    expect(passwordPolicyIssues('Élan2026')).toEqual([]);
  });

  it('names each missing rule in French', () => {
    expect(passwordPolicyIssues('Ab1')).toEqual(['Le mot de passe doit contenir au moins 8 caractères.']);
    expect(passwordPolicyIssues('relais2026')).toEqual(['Le mot de passe doit contenir au moins une majuscule.']);
    expect(passwordPolicyIssues('RELAIS2026')).toEqual(['Le mot de passe doit contenir au moins une minuscule.']);
    expect(passwordPolicyIssues('RelaisRelais')).toEqual(['Le mot de passe doit contenir au moins un chiffre.']);
    expect(passwordPolicyIssues('')).toHaveLength(4);
  });

  it('generates one-time passwords that meet it', () => {
    for (let i = 0; i < 200; i += 1) {
      const password = generateTemporaryPassword();
      expect(passwordPolicyIssues(password), password).toEqual([]);
      expect(password).not.toMatch(/[0O1lI]/);
    }
  });
});

describe('password hashing (scrypt)', () => {
  it('stores the parameters and a salt with the hash, and verifies', async () => {
    const first = await hashPassword('Relais2026', 10);
    const second = await hashPassword('Relais2026', 10);
    expect(first).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('Relais2026', first)).toBe(true);
    expect(await verifyPassword('relais2026', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('verifies hashes made with other parameters, and never matches a malformed hash', async () => {
    const costly = await hashPassword('Relais2026', 12);
    expect(await verifyPassword('Relais2026', costly)).toBe(true);
    for (const broken of ['', 'Relais2026', 'bcrypt$10$8$1$a$b', 'scrypt$x$8$1$a$b', 'scrypt$10$8$1$a$', 'scrypt$99$8$1$a$b']) {
      expect(await verifyPassword('Relais2026', broken), broken).toBe(false);
    }
  });
});
