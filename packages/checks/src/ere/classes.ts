// Byte sets for POSIX ERE in the C locale, the locale the original nanny ran its regcomp in:
// every byte is one character and only ASCII letters are letters.

/** 256 entries, 1 = the byte is in the set. */
export type ByteSet = Uint8Array;

export function byteSet(...ranges: readonly (readonly [number, number])[]): ByteSet {
  const set = new Uint8Array(256);
  for (const [from, to] of ranges) set.fill(1, from, to + 1);
  return set;
}

export function complement(set: ByteSet): ByteSet {
  return set.map((member) => 1 - member);
}

export function addAll(target: ByteSet, source: ByteSet): void {
  source.forEach((member, byte) => {
    if (member) target[byte] = 1;
  });
}

const code = (ch: string): number => ch.charCodeAt(0);
const span = (from: string, to: string): [number, number] => [code(from), code(to)];

const UPPER = span('A', 'Z');
const LOWER = span('a', 'z');
const DIGIT = span('0', '9');

export const CLASSES: ReadonlyMap<string, ByteSet> = new Map([
  ['alpha', byteSet(UPPER, LOWER)],
  ['upper', byteSet(UPPER)],
  ['lower', byteSet(LOWER)],
  ['digit', byteSet(DIGIT)],
  ['alnum', byteSet(UPPER, LOWER, DIGIT)],
  ['xdigit', byteSet(DIGIT, span('A', 'F'), span('a', 'f'))],
  ['space', byteSet([0x09, 0x0d], [0x20, 0x20])],
  ['blank', byteSet([0x09, 0x09], [0x20, 0x20])],
  ['punct', byteSet([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e])],
  ['print', byteSet([0x20, 0x7e])],
  ['graph', byteSet([0x21, 0x7e])],
  ['cntrl', byteSet([0x00, 0x1f], [0x7f, 0x7f])],
]);

/** GNU `\w`: letters, digits and underscore. */
export const WORD = byteSet(UPPER, LOWER, DIGIT, [0x5f, 0x5f]);
export const SPACE = byteSet([0x09, 0x0d], [0x20, 0x20]);
/** `.` matches every byte but NUL (glibc's RE_DOT_NOT_NULL); newlines included. */
export const ANY_BUT_NUL = byteSet([0x01, 0xff]);
