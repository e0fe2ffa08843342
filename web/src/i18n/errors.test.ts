import { checkMission } from '@relais/domain';
import { text } from '@relais/schema';
import { errorCodes } from '@relais/sync-protocol';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { errorKey, issueMessage } from './errors';
import { fr } from './fr';

function translate(resources: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

describe('error messages', () => {
  it('cover every server error code in both languages', () => {
    for (const code of errorCodes) {
      expect(errorKey(code)).toBe(`errors.${code}`);
      expect(translate(fr, errorKey(code)), code).toEqual(expect.any(String));
      expect(translate(en, errorKey(code)), code).toEqual(expect.any(String));
    }
  });

  it('cover every domain rule code in both languages', () => {
    const issues = checkMission({ heure_debut: '10:00', heure_fin: '09:00' });
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(errorKey(issue.code)).toBe(`errors.${issue.code}`);
      expect(translate(fr, errorKey(issue.code)), issue.code).toEqual(expect.any(String));
      expect(translate(en, errorKey(issue.code)), issue.code).toEqual(expect.any(String));
    }
  });

  it('falls back to a generic message for unknown codes', () => {
    expect(errorKey('SOMETHING_NEW')).toBe('errors.UNKNOWN');
    expect(translate(fr, 'errors.UNKNOWN')).toEqual(expect.any(String));
  });

  it('explains schema issues in the field’s terms', () => {
    expect(issueMessage({ code: 'invalid_type', path: ['destination'], input: undefined }).key).toBe('validation.required');
    expect(issueMessage({ code: 'invalid_format', path: ['destination'], pattern: '/\\S/' }, undefined, '  ').key).toBe('validation.required');
    expect(issueMessage({ code: 'invalid_format', path: ['heure_debut'], format: 'regex' }, 'time', '8h').key).toBe('validation.time');
    expect(issueMessage({ code: 'too_big', path: ['destination'], origin: 'string', maximum: 120 }, undefined, 'x')).toEqual({
      key: 'validation.tooLong',
      params: { max: 120 },
    });
    expect(issueMessage({ code: 'invalid_type', path: ['nb_palettes'], expected: 'int', input: 1.5 }).key).toBe(
      'validation.integer',
    );
    const forbidden = text(120).safeParse('Lyon\u0000').error?.issues[0];
    expect(forbidden && issueMessage(forbidden, undefined, 'Lyon\u0000').key).toBe('validation.forbiddenCharacters');
  });
});
