import { describe, expect, it } from 'vitest';
import { scheduleIssue } from './cron-check';

describe('scheduleIssue', () => {
  it('accepts off, nicknames and 5 or 6 field expressions', () => {
    for (const schedule of ['off', '@daily', '0 2 * * *', '*/15 * * * *', '30 1 * * 1-5', '0 0 2 * * *', '0 8 1,15 jan-jun mon']) {
      expect(scheduleIssue(schedule)).toBeNull();
    }
  });

  it('says what is wrong', () => {
    expect(scheduleIssue('  ')).toBe('empty');
    expect(scheduleIssue('0 2 * *')).toBe('fields');
    expect(scheduleIssue('0 25 * * *')).toBe('range');
    expect(scheduleIssue('61 2 * * *')).toBe('range');
    expect(scheduleIssue('a 2 * * *')).toBe('syntax');
    expect(scheduleIssue('0 2 * * */x')).toBe('syntax');
  });
});
