import { describe, expect, it } from 'vitest';
import { logFieldsText } from './log-lines';

describe('logFieldsText', () => {
  it('writes the fields one after the other, objects shortened', () => {
    expect(logFieldsText({ user: 'PAUL', path: '/missions', code: 403 })).toBe('user : PAUL · path : /missions · code : 403');
    expect(logFieldsText({ err: { message: 'x'.repeat(300) } })).toMatch(/^err : \{"message":"x+…$/);
    expect(logFieldsText({ job: null })).toBe('job : —');
    expect(logFieldsText({})).toBe('');
  });
});
