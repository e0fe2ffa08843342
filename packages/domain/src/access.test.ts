import { describe, expect, it } from 'vitest';
import { canRead, canWrite, hiddenFields, projectDocument } from './access';
import { permissionsOf, roleNames, type Role } from './permissions';

const expected: Record<Role, { read: string[]; write: string[]; seesFinance: boolean }> = {
  viewer: { read: ['chauffeurs', 'voyages', 'missions'], write: [], seesFinance: false },
  planner: { read: ['chauffeurs', 'voyages', 'missions'], write: ['voyages', 'missions'], seesFinance: false },
  planner_advanced: { read: ['chauffeurs', 'voyages', 'missions'], write: ['voyages', 'missions'], seesFinance: true },
  driver_admin: { read: ['chauffeurs', 'voyages', 'missions'], write: ['chauffeurs'], seesFinance: false },
  finance: { read: ['voyages', 'missions'], write: [], seesFinance: true },
  analyse: { read: ['chauffeurs', 'voyages', 'missions'], write: [], seesFinance: true },
  admin: { read: ['chauffeurs', 'voyages', 'missions'], write: ['chauffeurs', 'voyages', 'missions'], seesFinance: true },
};

describe('collection access by role', () => {
  it.each(roleNames)('%s', (role) => {
    const permissions = permissionsOf(role);
    const collections = ['chauffeurs', 'voyages', 'missions'] as const;
    expect(collections.filter((name) => canRead(name, permissions))).toEqual(expected[role].read);
    expect(collections.filter((name) => canWrite(name, permissions))).toEqual(expected[role].write);
    expect(hiddenFields('missions', permissions)).toEqual(expected[role].seesFinance ? [] : ['cout_sst', 'revenu']);
    expect(hiddenFields('chauffeurs', permissions)).toEqual([]);
  });

  it('projects a document without the hidden fields, leaving the original intact', () => {
    const doc = { id: 'm1', destination: 'Paris', revenu: 45000, cout_sst: 30000 };
    expect(projectDocument(doc, ['cout_sst', 'revenu'])).toEqual({ id: 'm1', destination: 'Paris' });
    expect(doc.revenu).toBe(45000);
    expect(projectDocument(doc, [])).toBe(doc);
  });
});
