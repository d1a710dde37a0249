import { translateEscapes } from '@piranha-ts/checks';

describe('translateEscapes (section 6.2)', () => {
  test.each([
    ['GET / HTTP/1.0\\r\\n\\r\\n', 'GET / HTTP/1.0\r\n\r\n'],
    ['a\\nb', 'a\nb'],
    ['a\\rb', 'a\rb'],
    ['a\\tb', 'a\tb'],
    ['a\\\\b', 'a\\b'],
    ["it\\'s", "it's"],
    ['say \\"hi\\"', 'say "hi"'],
  ])('%j becomes %j', (input, output) => expect(translateEscapes(input)).toBe(output));

  test('a translated backslash is not read again: \\\\n is a backslash and n', () => {
    expect(translateEscapes('\\\\n')).toBe('\\n');
    expect(translateEscapes('\\\\\\n')).toBe('\\\n');
  });

  test.each([
    ['a\\.b', 'a\\.b'],
    ['\\d+', '\\d+'],
    ['\\x41', '\\x41'],
    ['\\0', '\\0'],
    ['end\\', 'end\\'],
    ['\\', '\\'],
  ])('unknown sequence %j is kept as written', (input, output) =>
    expect(translateEscapes(input)).toBe(output),
  );

  test('strings of one character are left alone, escapes or not', () => {
    expect(translateEscapes('n')).toBe('n');
    expect(translateEscapes('')).toBe('');
  });

  test('left to right, every occurrence', () => {
    expect(translateEscapes("\\n\\n\\t\\r\\\\\\'")).toBe("\n\n\t\r\\'");
  });
});
