import fc from 'fast-check';

/**
 * Raw JSON text spliced into a body where a value goes: what `JSON.stringify` cannot write
 * (10 000-deep nesting without its recursion, `1e309`, duplicate or `__proto__` keys as text).
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON value the fuzzer sends; `RawJson` pieces are written as they are. */
export type BodyValue = null | boolean | number | string | RawJson | BodyValue[] | { [key: string]: BodyValue };

/** JSON text of a body value; own `__proto__` keys are kept (JSON.parse makes them own properties too). */
export function toJsonText(value: BodyValue): string {
  if (value instanceof RawJson) {
    return value.text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => toJsonText(item)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${toJsonText(value[key] as BodyValue)}`)
      .join(',')}}`;
  }
  // Non-finite numbers have no JSON form: they go as the text a hostile client would write.
  return typeof value === 'number' && !Number.isFinite(value) ? '1e309' : JSON.stringify(value);
}

/** An object whose own keys may be `__proto__` (a literal would set the prototype instead). */
export function objectWith(entries: [string, BodyValue][]): { [key: string]: BodyValue } {
  const out: { [key: string]: BodyValue } = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const deep = 10_000;

/** Strings no text field should take as they are, or that probe parsers, paths and SQL. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'S\ud800X',
  '\udc00',
  '\ud83d',
  'a\u0000b',
  '\u0000',
  'bip\u0007',
  'del\u007f',
  'nel\u0085',
  '\ufeffBOM',
  '\u202eRTL\u200f',
  'zéro\u200blargeur',
  '🚚📦',
  'e\u0301',
  "'; DROP TABLE missions; --",
  '" OR 1=1 --',
  "' OR '1'='1",
  '%',
  '%00',
  '%zz',
  '..%2f..%2fetc%2fpasswd',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '${7*7}',
  '<script>alert(1)</script>',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '0x10',
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '2026-13-01',
  '28:00',
  '99:99',
  'null',
  'undefined',
  'true',
  'x'.repeat(10_000),
  'é'.repeat(5_000),
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
];

/** Values of every JSON type that a field does not expect. */
export const hostileValues: readonly BodyValue[] = [
  null,
  true,
  false,
  0,
  -1,
  -0,
  0.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER * 10,
  Number.POSITIVE_INFINITY,
  [],
  [null],
  [null, null],
  [[]],
  {},
  objectWith([['__proto__', { admin: true }]]),
  objectWith([['constructor', { prototype: { admin: true } }]]),
  new RawJson(`${'['.repeat(deep)}${']'.repeat(deep)}`),
  new RawJson(`${'{"a":'.repeat(deep)}null${'}'.repeat(deep)}`),
  new RawJson('1e309'),
  new RawJson('-1e309'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('{"a":1,"a":2}'),
  new RawJson(`[${Array.from({ length: 100_000 }, () => 'null').join(',')}]`),
  new RawJson(JSON.stringify('y'.repeat(300_000))),
  ...hostileStrings,
];

/** Malformed or odd request bodies, sent as they are. */
export const rawBodies: readonly string[] = [
  '',
  '{',
  '}',
  '[',
  '{"a":',
  '{"a" 1}',
  "{'a':1}",
  '[1,]',
  '{"a":1,}',
  'nul',
  'undefined',
  'NaN',
  '\u0000',
  '\ufeff{}',
  '{}garbage',
  '"\\ud800"',
  '"\\u0000"',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '1e309',
  '[null]',
  '"texte"',
  `${'['.repeat(deep)}${']'.repeat(deep)}`,
  `${'['.repeat(200_000)}`,
];

/** One hostile string, a generated one (any code unit, lone surrogates included) or a listed one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\ud800', '\udfff', '\u0000', '\u001f', 'a', 'é', '\u2028', '\ud83d\ude9a'), maxLength: 12 }) },
);

export const hostileValue: fc.Arbitrary<BodyValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileValues) },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);

/** A path segment as a client would put it in the URL: percent-encoded, or raw when it cannot be. */
export function pathSegment(value: string): string {
  if (!/\p{Cs}/u.test(value)) {
    return encodeURIComponent(value);
  }
  // A lone surrogate has no UTF-8 form: the bytes of its CESU-8 encoding, as a broken client sends them.
  return [...value]
    .map((char) => {
      const code = char.charCodeAt(0);
      return code >= 0xd800 && code <= 0xdfff ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}` : encodeURIComponent(char);
    })
    .join('');
}
