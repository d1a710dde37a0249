import { ERE_ERRORS, compileEre, ereMatches, utf8, type PosixRegex } from '@piranha-ts/checks';
import { GLIBC_ERRORS, GLIBC_MATCHES } from './glibc-regex.js';

/** Test inputs are written one character per byte. */
const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

function compiled(pattern: string): PosixRegex {
  const result = compileEre(pattern);
  if (!result.ok) throw new Error(`${pattern}: ${result.message}`);
  return result.regex;
}

describe.each(GLIBC_MATCHES)('%j matches as glibc does', (pattern, cases) => {
  test.each(cases)('%j -> %s', (input, expected) =>
    expect(ereMatches(compiled(pattern), bytes(input))).toBe(expected),
  );
});

test.each(GLIBC_ERRORS)('%j is refused with glibc message %j', (pattern, message) =>
  expect(compileEre(pattern)).toEqual({ ok: false, message }),
);

test('back references are refused, though glibc has them', () => {
  expect(compileEre('(a)\\1')).toEqual({ ok: false, message: ERE_ERRORS.backref });
});

test('the pattern is read as UTF-8 bytes, one character per byte (C locale)', () => {
  const regex = compiled('^caf\u00e9$');
  expect(ereMatches(regex, utf8('caf\u00e9'))).toBe(true);
  expect(ereMatches(regex, bytes('caf\u00e9'))).toBe(false);
  // `.` is one byte, so a two-byte character needs two.
  expect(ereMatches(compiled('^caf..$'), utf8('caf\u00e9'))).toBe(true);
});

test('. matches any byte but NUL, newline included', () => {
  expect(ereMatches(compiled('a.b'), Uint8Array.of(0x61, 0x00, 0x62))).toBe(false);
  expect(ereMatches(compiled('a.b'), Uint8Array.of(0x61, 0xff, 0x62))).toBe(true);
});

test('repetition counts up to 32767 compile; expansions past the size bound do not', () => {
  expect(compileEre('a{32767}').ok).toBe(true);
  expect(compileEre('(abc){1000}{1000}')).toEqual({ ok: false, message: ERE_ERRORS.tooBig });
});

test('matching time stays linear on patterns that make backtracking engines explode', () => {
  const regex = compiled('^(a*)*(a|aa)*b$');
  const input = bytes('a'.repeat(254));
  const started = performance.now();
  expect(ereMatches(regex, input)).toBe(false);
  expect(performance.now() - started).toBeLessThan(1000);
});

test('nested groups, alternation of empty branches and stacked repeats', () => {
  expect(ereMatches(compiled('((((a))))'), bytes('a'))).toBe(true);
  expect(ereMatches(compiled('^(|a|b)+$'), bytes('abba'))).toBe(true);
  expect(ereMatches(compiled('^x{2}{3}$'), bytes('xxxxxx'))).toBe(true);
  expect(ereMatches(compiled('^x{2}{3}$'), bytes('xxxxx'))).toBe(false);
});
