import { describe, expect, it } from 'vitest';
import { knownMissionIds } from './generate-missions';

describe('known mission ids', () => {
  it('counts the local missions and the pending writes of missions (deleted ones included)', () => {
    const ids = knownMissionIds([{ id: 'a' }], { docs: { 'missions/b': 3, 'voyages/c': 1 } });
    expect([...ids].sort()).toEqual(['a', 'b']);
  });
});
