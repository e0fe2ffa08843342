import { describe, expect, it } from 'vitest';
import { countByStatus, selectedIds, toggled } from './selection';

describe('annonces selection', () => {
  it('toggles one subcontractor without touching the others', () => {
    expect([...toggled(new Set(['a', 'b']), 'a')]).toEqual(['b']);
    expect([...toggled(new Set(['b']), 'a')].sort()).toEqual(['a', 'b']);
  });

  it('sends in the preview order and forgets ids the preview no longer has', () => {
    expect(selectedIds(new Set(['c', 'a', 'gone']), ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });

  it('counts sent and failed mails', () => {
    const result = { sst_id: 'a', sst_nom: 'A', recipients: [], subject: '', mission_ids: [], error: null };
    expect(countByStatus([{ ...result, status: 'sent' }, { ...result, status: 'failed', error: 'x' }, { ...result, status: 'sent' }])).toEqual({ sent: 2, failed: 1 });
  });
});
