import { describe, expect, it } from 'vitest';
import { idField } from './fields';
import { newId } from './ids';

describe('newId', () => {
  it('produces valid, distinct UUIDs', () => {
    const ids = Array.from({ length: 100 }, newId);
    expect(new Set(ids).size).toBe(100);
    for (const id of ids) {
      expect(idField.safeParse(id).success).toBe(true);
    }
  });

  it('falls back to getRandomValues outside a secure context', () => {
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(typeof crypto.randomUUID).toBe('undefined');
      const ids = Array.from({ length: 50 }, newId);
      expect(new Set(ids).size).toBe(50);
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(idField.safeParse(id).success).toBe(true);
      }
    } finally {
      Reflect.deleteProperty(crypto, 'randomUUID');
    }
    expect(typeof crypto.randomUUID).toBe('function');
  });
});
