import { formatParseFailure, parseLvsCf } from '@piranha-ts/config';
import { parseErrors, parseOk, virtualWith } from './helpers.js';

describe('each error kind of the original parser', () => {
  test.each([
    ['empty-configuration', '', 1],
    ['quotation-mismatch', 'virtual v {\n send = "GET /\n}\n', 2],
    ['unexpected-arguments', 'primary = 192.0.2.1 # main router\n', 1],
    ['equal-expected', 'primary : 192.0.2.1\n', 1],
    ['missing-arguments', 'primary =\n', 1],
    ['missing-arguments', 'virtual v {\n address = 192.0.2.1\n}\n', 2],
    ['invalid-host', 'primary = 0.0.0.0\n', 1],
    ['invalid-argument', 'virtual v {\n protocol = sctp\n}\n', 2],
    ['integer-expected', 'keepalive = often\n', 1],
    ['boolean-expected', 'backup_active = 2\n', 1],
    ['unknown-command', 'primary=192.0.2.1\n', 1],
    ['list-expected', 'virtual v {\n dirs = /var/www\n}\n', 2],
    ['bad-subnet-mask', 'nat_nmask = 255.255.0\n', 1],
    ['out-of-range', 'heartbeat_port = 70000\n', 1],
    ['unexpected-eof', '\nvirtual v {\n active = 1\n', 2],
  ])('%s', (code, text, line) => {
    const first = parseErrors(text)[0];
    expect(first).toMatchObject({ code, line });
  });

  test('the message of the issue example', () => {
    const text = virtualWith('', '    server a {\n        weight = heavy\n    }\n');
    const [error] = parseErrors(text);
    expect(formatParseFailure('lvsd', 'lvs.cf', [error!]).split('\n')[1]).toBe(
      'lvs.cf:6:18: weight: expected a non-negative integer, got "heavy"',
    );
  });
});

test('every error in the file is reported, with physical lines', () => {
  const text = [
    '# header comment',
    'primary = 192.0.2.1',
    '',
    'keepalive = soon',
    'virtual web {',
    '    weight = 3',
    '    server a {',
    '        active = yes',
    '    }',
    '}',
    'deadtime = 5 # five seconds',
  ].join('\n');
  const errors = parseErrors(text);
  expect(errors.map((e) => [e.line, e.code])).toEqual([
    [4, 'integer-expected'],
    [6, 'unknown-command'],
    [8, 'boolean-expected'],
    [11, 'unexpected-arguments'],
  ]);
  const report = formatParseFailure('pulse', '/etc/sysconfig/ha/lvs.cf', errors);
  expect(report.split('\n')[0]).toBe(
    'pulse: error parsing /etc/sysconfig/ha/lvs.cf on line 4 (4 errors):',
  );
  expect(report).toContain(
    '/etc/sysconfig/ha/lvs.cf:11:14: deadtime: unexpected arguments: comments must be on a line of their own',
  );
});

test('CRLF files parse fully and count physical lines', () => {
  const config = parseOk('primary = 192.0.2.1\r\nbackup = 192.0.2.2\r\nkeepalive = 3\r\n');
  expect(config).toMatchObject({ primary: '192.0.2.1', backup: '192.0.2.2', keepalive: 3 });
  expect(parseErrors('primary = 192.0.2.1\r\n\r\nkeepalive = x\r\n')).toMatchObject([{ line: 3 }]);
  expect(parseOk('primary = 192.0.2.1\rbackup = 192.0.2.2\r').backup).toBe('192.0.2.2');
});

describe('blocks', () => {
  test('header shapes', () => {
    expect(parseErrors('virtual web\n}\n')).toMatchObject([
      { code: 'missing-arguments', keyword: 'virtual', line: 1 },
    ]);
    expect(parseErrors('virtual {\n}\n')).toMatchObject([{ code: 'missing-arguments' }]);
    expect(parseErrors('virtual my web {\n}\n')).toMatchObject([{ code: 'missing-arguments' }]);
    expect(parseErrors('virtual web { x\n}\n')).toMatchObject([{ code: 'unexpected-arguments' }]);
    expect(parseErrors('virtual web {\n} trailing\n')).toMatchObject([
      { code: 'unexpected-arguments', line: 2 },
    ]);
    expect(parseErrors('}\n')).toMatchObject([{ code: 'unknown-command' }]);
  });

  test('a server block outside a virtual block', () => {
    expect(parseErrors('server s {\n address = 192.0.2.1\n}\n')).toMatchObject([
      { code: 'unknown-command', line: 1, keyword: 'server' },
    ]);
  });

  test('an unclosed server and virtual both reported at their headers', () => {
    expect(parseErrors('virtual v {\n server s {\n  active = 1\n')).toMatchObject([
      { code: 'unexpected-eof', line: 2, keyword: 'server' },
      { code: 'unexpected-eof', line: 1, keyword: 'virtual' },
    ]);
  });

  test('a virtual block opened inside another says a } is missing', () => {
    const errors = parseErrors('virtual a {\n active = 1\nvirtual b {\n active = 1\n}\n');
    expect(errors).toMatchObject([{ code: 'unknown-command', line: 3, keyword: 'virtual' }]);
  });

  test('placeholder names of the GUI are legal and names need not be unique', () => {
    const config = parseOk(
      'virtual [unnamed] {\n server [server_name] {\n }\n}\nvirtual [unnamed] {\n}\n',
    );
    expect(config.virtuals.map((v) => v.name)).toEqual(['[unnamed]', '[unnamed]']);
    expect(config.virtuals[0]?.servers[0]?.name).toBe('[server_name]');
  });

  test('global keywords may follow blocks', () => {
    expect(parseOk('virtual v {\n}\nprimary = 192.0.2.1\n').primary).toBe('192.0.2.1');
  });
});

describe('quirks kept from the original', () => {
  test('octal numbers: 010 is 8', () => {
    expect(parseOk('keepalive = 010\n').keepalive).toBe(8);
  });

  test('a server takes the virtual port as parsed before its block, with a warning', () => {
    const text = 'virtual v {\n server a {\n }\n port = 8080\n server b {\n }\n}\n';
    const result = parseLvsCf(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.virtuals[0]?.servers.map((s) => s.port)).toEqual([80, 8080]);
    expect(result.diagnostics).toMatchObject([{ code: 'late-port', line: 4, severity: 'warning' }]);
  });

  test('a repeated keyword overrides the earlier value, with a warning', () => {
    const result = parseLvsCf('keepalive = 2\nkeepalive = 4\n');
    expect(result.ok && result.config.keepalive).toBe(4);
    expect(result.diagnostics).toMatchObject([{ code: 'repeated-keyword', line: 2 }]);
  });

  test('backslashes are kept for nanny to translate', () => {
    const config = parseOk(virtualWith('    send = "HEAD / HTTP/1.0\\r\\n\\r\\n"'));
    expect(config.virtuals[0]?.send).toBe('HEAD / HTTP/1.0\\r\\n\\r\\n');
  });
});

describe('deliberate differences (docs/compat.md)', () => {
  test('single quotes are stripped like double quotes', () => {
    expect(parseOk(virtualWith("    send = 'QUIT'")).virtuals[0]?.send).toBe('QUIT');
  });

  test('blanks after a closing quote are accepted', () => {
    expect(parseOk(virtualWith('    expect = "OK"   ')).virtuals[0]?.expect).toBe('OK');
  });

  test('a mixed LF and CRLF file is read line by line', () => {
    expect(parseOk('primary = 192.0.2.1\nbackup = 192.0.2.2\r\nkeepalive = 3\r\n').keepalive).toBe(
      3,
    );
  });

  test('an unquoted value with blanks asks for quotes', () => {
    expect(parseErrors(virtualWith('    send_program = /bin/check %h'))[0]?.message).toMatch(
      /quote a value/,
    );
  });
});
