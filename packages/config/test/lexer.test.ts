import { lex, lexLine, splitLines } from '../src/lexer.js';

test('LF, CRLF and lone CR all end lines, also mixed in one file', () => {
  expect(splitLines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
  expect(splitLines('a\n\nb\n')).toEqual(['a', '', 'b']);
  expect(splitLines('x = 1\r\ny = 2\r\n')).toEqual(['x = 1', 'y = 2']);
});

test('tokens are blank separated and carry columns', () => {
  const line = lexLine('\tprimary =  192.0.2.1', 3);
  expect(line.tokens.map((t) => [t.text, t.line, t.column])).toEqual([
    ['primary', 3, 2],
    ['=', 3, 10],
    ['192.0.2.1', 3, 13],
  ]);
});

test('a comment is a line whose first non-blank character is #', () => {
  expect(lexLine('   # note', 1).tokens).toEqual([]);
  expect(lexLine('primary = 1 # note', 1).tokens.map((t) => t.text)).toEqual([
    'primary',
    '=',
    '1',
    '#',
    'note',
  ]);
});

test('quotes group blanks and are removed; backslashes stay verbatim', () => {
  const [, , value] = lexLine('send = "GET / HTTP/1.0\\r\\n"', 1).tokens;
  expect(value).toMatchObject({ text: 'GET / HTTP/1.0\\r\\n', quote: '"', column: 8 });
  expect(lexLine('expect = \'a "b"\'', 1).tokens[2]).toMatchObject({ text: 'a "b"', quote: "'" });
  expect(lexLine('send = ""', 1).tokens[2]).toMatchObject({ text: '' });
});

test('quotation mismatch: unterminated, or text glued to the closing quote', () => {
  expect(lexLine('send = "abc', 4).error).toMatchObject({
    code: 'quotation-mismatch',
    line: 4,
    column: 8,
    keyword: 'send',
  });
  expect(lexLine('send = "abc"def', 1).error?.code).toBe('quotation-mismatch');
  expect(lexLine('send = "abc"  ', 1).error).toBeUndefined();
});

test('lex numbers physical lines including blanks and comments', () => {
  expect(lex('# c\n\nprimary = x\n').map((l) => [l.number, l.tokens.length])).toEqual([
    [1, 0],
    [2, 0],
    [3, 3],
  ]);
});
