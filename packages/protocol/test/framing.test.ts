import { createLineDecoder, encodeLine } from '../src/index.js';

const lines = (events: readonly { kind: string; line?: string }[]) =>
  events.map((e) => (e.kind === 'line' ? e.line : e.kind));

describe('line decoder', () => {
  test('joins chunks and splits on newlines', () => {
    const d = createLineDecoder();
    expect(lines(d.push('{"a":'))).toEqual([]);
    expect(d.pending()).toBe(5);
    expect(lines(d.push('1}\n{"b":2}\n{"c"'))).toEqual(['{"a":1}', '{"b":2}']);
    expect(lines(d.push(':3}\n'))).toEqual(['{"c":3}']);
    expect(d.pending()).toBe(0);
  });

  test('empty lines and CRLF', () => {
    const d = createLineDecoder();
    expect(lines(d.push('\nx\r\n'))).toEqual(['', 'x']);
  });

  test('a line longer than the limit is one error, then decoding resumes', () => {
    const d = createLineDecoder(8);
    expect(lines(d.push('12345'))).toEqual([]);
    expect(lines(d.push('6789'))).toEqual(['line-too-long']);
    expect(d.pending()).toBe(0);
    expect(lines(d.push('more and more'))).toEqual([]);
    expect(d.pending()).toBe(0);
    expect(lines(d.push('tail\nok\n'))).toEqual(['ok']);
  });

  test('an over-long line ended in the same chunk', () => {
    const d = createLineDecoder(4);
    expect(lines(d.push('123456\nabcd\n'))).toEqual(['line-too-long', 'abcd']);
  });

  test('the limit is inclusive', () => {
    const d = createLineDecoder(4);
    expect(lines(d.push('abcd'))).toEqual([]);
    expect(lines(d.push('\n'))).toEqual(['abcd']);
  });

  test('encodeLine keeps newlines inside strings out of the framing', () => {
    const text = encodeLine({ v: 1, s: 'a\nb' });
    expect(text.indexOf('\n')).toBe(text.length - 1);
    const d = createLineDecoder();
    expect(lines(d.push(text))).toEqual([text.slice(0, -1)]);
  });
});
