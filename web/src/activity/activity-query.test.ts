import { describe, expect, it } from 'vitest';
import { activityPageSize, activityQueryString, dayEndIso, dayStartIso, noFilters, pageWindow, previousOffset } from './activity-query';

function paramsOf(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query));
}

describe('activityQueryString', () => {
  it('sends only the page when no filter is set', () => {
    expect(activityQueryString(noFilters, 0)).toBe(`limit=${activityPageSize}&offset=0`);
  });

  it('sends each filter set, the user trimmed, the days as local day bounds', () => {
    const query = activityQueryString({ user: '  admin ', collection: 'missions', action: 'update', from: '2031-05-20', to: '2031-05-21' }, 100, 25);
    expect(paramsOf(query)).toEqual({
      user: 'admin',
      collection: 'missions',
      action: 'update',
      from: new Date(2031, 4, 20, 0, 0, 0, 0).toISOString(),
      to: new Date(2031, 4, 21, 23, 59, 59, 999).toISOString(),
      limit: '25',
      offset: '100',
    });
  });

  it('leaves out blank users and incomplete or impossible days', () => {
    const params = paramsOf(activityQueryString({ ...noFilters, user: '   ', from: '2031-02-30', to: '2031-1' }, 0));
    expect(params).toEqual({ limit: String(activityPageSize), offset: '0' });
  });

  it('encodes what the user typed', () => {
    expect(activityQueryString({ ...noFilters, user: 'DOMAINE\\jean dupont&x=1' }, 0)).toContain('user=DOMAINE%5Cjean+dupont%26x%3D1');
  });

  it('never sends a negative or fractional offset', () => {
    expect(paramsOf(activityQueryString(noFilters, -5)).offset).toBe('0');
    expect(paramsOf(activityQueryString(noFilters, 12.7)).offset).toBe('12');
  });
});

describe('day bounds', () => {
  it('cover the whole local day, in the server’s ISO form', () => {
    const start = new Date(dayStartIso('2031-03-30'));
    const end = new Date(dayEndIso('2031-03-30'));
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours(), start.getMinutes()]).toEqual([2031, 2, 30, 0, 0]);
    expect([end.getDate(), end.getHours(), end.getMinutes(), end.getSeconds(), end.getMilliseconds()]).toEqual([30, 23, 59, 59, 999]);
    expect(dayEndIso('2031-03-30')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('pagination', () => {
  it('places a page among the total', () => {
    expect(pageWindow(0, 50, 120)).toEqual({ first: 1, last: 50, hasPrevious: false, hasNext: true });
    expect(pageWindow(100, 20, 120)).toEqual({ first: 101, last: 120, hasPrevious: true, hasNext: false });
    expect(pageWindow(0, 0, 0)).toEqual({ first: 0, last: 0, hasPrevious: false, hasNext: false });
  });

  it('goes back one page, never before the first', () => {
    expect(previousOffset(100)).toBe(100 - activityPageSize);
    expect(previousOffset(10)).toBe(0);
  });
});
