// What glibc's regcomp(REG_EXTENDED) and regexec answered in the C locale, recorded by
// running them on these patterns and inputs (inputs are bytes: \u00e9 is the byte 0xe9).

export const GLIBC_MATCHES: readonly (readonly [
  string,
  readonly (readonly [string, boolean])[],
])[] = [
  [
    'HTTP/1\\.[01] 200',
    [
      ['HTTP/1.0 200 OK\r\n', true],
      ['HTTP/1.1 200 OK', true],
      ['HTTP/1.1 404 Not Found', false],
      ['http/1.0 200', false],
    ],
  ],
  [
    '^HTTP/1\\.[01] (200|30[12])',
    [
      ['HTTP/1.1 302 Found', true],
      ['HTTP/1.1 301', true],
      ['xHTTP/1.1 200', false],
      ['HTTP/1.1 303', false],
    ],
  ],
  [
    '[[:digit:]]+',
    [
      ['abc', false],
      ['a1c', true],
      ['', false],
    ],
  ],
  [
    '^[[:upper:]][[:lower:]]+$',
    [
      ['Hello', true],
      ['hello', false],
      ['HeLLo', false],
      ['H', false],
    ],
  ],
  [
    '[[:alpha:]][[:alnum:]_]*',
    [
      ['_1', false],
      ['a_1', true],
      ['9', false],
    ],
  ],
  [
    '[[:space:]]ok',
    [
      ['\tok', true],
      ['ok', false],
      ['\u000bok', true],
    ],
  ],
  [
    '[[:punct:]]',
    [
      ['!', true],
      ['a', false],
      [' ', false],
    ],
  ],
  [
    '[[:xdigit:]]{4}',
    [
      ['beef', true],
      ['bee', false],
      ['BEEF', true],
      ['xyz1', false],
    ],
  ],
  [
    '[[:blank:]]',
    [
      ['\t', true],
      ['\n', false],
      [' ', true],
    ],
  ],
  [
    '[[:cntrl:]]',
    [
      ['\u007f', true],
      ['a', false],
      ['\u0001', true],
    ],
  ],
  [
    '[[:graph:]]',
    [
      [' ', false],
      ['~', true],
    ],
  ],
  [
    '[[:print:]]',
    [
      [' ', true],
      ['\t', false],
    ],
  ],
  [
    'a.c',
    [
      ['abc', true],
      ['a\nc', true],
      ['ac', false],
    ],
  ],
  [
    '^$',
    [
      ['', true],
      ['a', false],
    ],
  ],
  [
    '^a|b$',
    [
      ['ab', true],
      ['ba', false],
      ['cc', false],
    ],
  ],
  [
    '(ab|cd)+e',
    [
      ['abcde', true],
      ['e', false],
      ['cdcde', true],
    ],
  ],
  [
    'colou?r',
    [
      ['color', true],
      ['colour', true],
      ['colouur', false],
    ],
  ],
  [
    'a{2,3}',
    [
      ['a', false],
      ['aa', true],
      ['aaaa', true],
    ],
  ],
  [
    '^a{2,3}$',
    [
      ['aaaa', false],
      ['aaa', true],
    ],
  ],
  [
    '^a{,2}$',
    [
      ['', true],
      ['aa', true],
      ['aaa', false],
    ],
  ],
  [
    '^a{2,}$',
    [
      ['a', false],
      ['aaaaa', true],
    ],
  ],
  [
    '^(a|)+$',
    [
      ['', true],
      ['aaa', true],
      ['b', false],
    ],
  ],
  [
    'x*',
    [
      ['', true],
      ['y', true],
    ],
  ],
  [
    'a**',
    [
      ['', true],
      ['aaa', true],
    ],
  ],
  [
    '^a{1}{2}$',
    [
      ['a', false],
      ['aa', true],
      ['aaa', false],
    ],
  ],
  [
    '[]a]',
    [
      [']', true],
      ['a', true],
      ['b', false],
    ],
  ],
  [
    '[^]a]',
    [
      [']', false],
      ['a', false],
      ['b', true],
    ],
  ],
  [
    '[a-]',
    [
      ['-', true],
      ['a', true],
      ['b', false],
    ],
  ],
  [
    '[]-a]',
    [
      ['^', true],
      ['b', false],
    ],
  ],
  [
    '[%--]',
    [
      [',', true],
      ['-', true],
      ['.', false],
    ],
  ],
  [
    '[\\d]',
    [
      ['\\', true],
      ['d', true],
      ['1', false],
    ],
  ],
  ['[[.-.]]', [['-', true]]],
  [
    '[[=a=]]',
    [
      ['a', true],
      ['b', false],
    ],
  ],
  [
    '[[.a.]-c]',
    [
      ['b', true],
      ['d', false],
    ],
  ],
  [
    '\\d',
    [
      ['d', true],
      ['1', false],
    ],
  ],
  [
    'a\\.b',
    [
      ['a.b', true],
      ['axb', false],
    ],
  ],
  ['\\(', [['(', true]]],
  [
    'a)',
    [
      ['a)', true],
      ['a', false],
    ],
  ],
  [
    '\\w+',
    [
      ['_', true],
      [' ', false],
    ],
  ],
  [
    '\\W',
    [
      [' ', true],
      ['a', false],
    ],
  ],
  [
    '\\s',
    [
      [' ', true],
      ['a', false],
    ],
  ],
  [
    '\\S',
    [
      [' ', false],
      ['a', true],
    ],
  ],
  [
    '\\bok\\b',
    [
      ['ok', true],
      ['book', false],
      ['is ok.', true],
    ],
  ],
  [
    '\\Bok',
    [
      ['book', true],
      ['ok', false],
    ],
  ],
  [
    '\\<ok',
    [
      ['ok', true],
      ['book', false],
    ],
  ],
  [
    'ok\\>',
    [
      ['ok', true],
      ['oka', false],
    ],
  ],
  [
    '\\`a',
    [
      ['a', true],
      ['ba', false],
    ],
  ],
  [
    "a\\'",
    [
      ['a', true],
      ['ab', false],
    ],
  ],
  ['x^a', [['x^a', false]]],
  ['a$b', [['a$b', false]]],
  ['(^)*a', [['a', true]]],
  ['ab|', [['zz', true]]],
  ['[[:alpha:]]', [['\u00e9', false]]],
  ['\\w', [['\u00e9', false]]],
];

export const GLIBC_ERRORS: readonly (readonly [string, string])[] = [
  ['*', 'Invalid preceding regular expression'],
  ['^*', 'Invalid preceding regular expression'],
  ['$*', 'Invalid preceding regular expression'],
  ['a|*b', 'Invalid preceding regular expression'],
  ['(*a)', 'Invalid preceding regular expression'],
  ['+a', 'Invalid preceding regular expression'],
  ['{1}a', 'Invalid preceding regular expression'],
  ['\\b*', 'Invalid preceding regular expression'],
  ['a{1', 'Unmatched \\{'],
  ['a{x', 'Unmatched \\{'],
  ['a{', 'Unmatched \\{'],
  ['a{,', 'Unmatched \\{'],
  ['a{1,', 'Unmatched \\{'],
  ['a{x}', 'Invalid content of \\{\\}'],
  ['a{}', 'Invalid content of \\{\\}'],
  ['a{3,2}', 'Invalid content of \\{\\}'],
  ['a{1,2,3}', 'Invalid content of \\{\\}'],
  ['a{x,', 'Invalid content of \\{\\}'],
  ['a{ 1}', 'Invalid content of \\{\\}'],
  ['a{32768}', 'Regular expression too big'],
  ['a{1,99999}', 'Regular expression too big'],
  ['a{99999,3}', 'Invalid content of \\{\\}'],
  ['(a', 'Unmatched ( or \\('],
  ['((a)', 'Unmatched ( or \\('],
  ['[a', 'Unmatched [, [^, [:, [., or [='],
  ['[a-', 'Unmatched [, [^, [:, [., or [='],
  ['[[:alpha:]', 'Unmatched [, [^, [:, [., or [='],
  ['[[:]', 'Unmatched [, [^, [:, [., or [='],
  ['[[=a=]', 'Unmatched [, [^, [:, [., or [='],
  ['a[', 'Invalid regular expression'],
  ['[^', 'Invalid regular expression'],
  ['[z-a]', 'Invalid range end'],
  ['[a-c-e]', 'Invalid range end'],
  ['[a--]', 'Invalid range end'],
  ['[[:alpha:]-z]', 'Invalid range end'],
  ['[a-[:alpha:]]', 'Invalid range end'],
  ['[a-\\]', 'Invalid range end'],
  ['[[:foo:]]', 'Invalid character class name'],
  ['[[:ALPHA:]]', 'Invalid character class name'],
  ['[[.space.]]', 'Invalid collation character'],
  ['[[=ab=]]', 'Invalid collation character'],
  ['a\\', 'Trailing backslash'],
];
