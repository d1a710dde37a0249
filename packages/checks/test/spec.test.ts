import {
  HTTP_EXPECT,
  HTTP_SEND,
  deriveCheck,
  utf8,
  type CheckDerivation,
  type CheckOptions,
  type CheckSpec,
} from '@piranha-ts/checks';

const base: CheckOptions = {
  target: { address: '10.0.0.5', port: 8080 },
  virtualPort: 8080,
  protocol: 'tcp',
};

function derived(options: Partial<CheckOptions>): { spec: CheckSpec; lines: readonly string[] } {
  const result: CheckDerivation = deriveCheck({ ...base, ...options });
  if (!result.ok) throw new Error(result.error);
  return { spec: result.spec, lines: result.lines.map((line) => line.message) };
}

describe('the default HTTP probe ([V08])', () => {
  test('virtual port 80 with nothing configured sends GET and expects HTTP', () => {
    const { spec, lines } = derived({ virtualPort: 80, target: { address: '10.0.0.5', port: 80 } });
    expect(spec).toEqual({
      kind: 'tcp',
      target: { address: '10.0.0.5', port: 80 },
      send: utf8(HTTP_SEND),
      reply: { kind: 'prefix', expect: utf8(HTTP_EXPECT) },
    });
    expect(HTTP_SEND).toBe('GET / HTTP/1.0\r\n\r\n');
    expect(lines).toEqual(['nanny: no monitor configured, assuming web service on port 80']);
  });

  test('the virtual port decides, even when the real port differs', () => {
    expect(derived({ virtualPort: 80 }).spec).toMatchObject({ send: utf8(HTTP_SEND) });
    expect(
      derived({ virtualPort: 8080, target: { address: '10.0.0.5', port: 80 } }).spec,
    ).toMatchObject({
      send: undefined,
      reply: { kind: 'none' },
    });
  });

  test.each([
    { send: 'HEAD / HTTP/1.0\\r\\n\\r\\n' },
    { expect: 'HTTP' },
    { sendProgram: 'check %h' },
  ])('any of send, expect, send_program turns it off: %j', (options) =>
    expect(derived({ virtualPort: 80, ...options }).lines).toEqual([]),
  );
});

describe('escapes', () => {
  test('send and expect are translated', () => {
    const { spec } = derived({ send: 'PING\\r\\n', expect: '+PONG\\r' });
    expect(spec).toMatchObject({
      send: utf8('PING\r\n'),
      reply: { kind: 'prefix', expect: utf8('+PONG\r') },
    });
  });

  test('-T keeps them as written', () => {
    const { spec } = derived({ send: 'PING\\r\\n', translateEscapes: false });
    expect(spec).toMatchObject({ send: utf8('PING\\r\\n') });
  });

  test('an expect string for a program is translated too; the command is not', () => {
    const { spec } = derived({ sendProgram: 'check \\t %h', expect: 'OK\\tfine' });
    expect(spec).toEqual({
      kind: 'program',
      target: base.target,
      argv: ['check', '\\t', '10.0.0.5'],
      expect: utf8('OK\tfine'),
    });
  });

  test('a regex keeps unknown sequences like \\. for the regex', () => {
    const { spec } = derived({ expect: '^HTTP/1\\.1 200', regex: true });
    expect(spec).toMatchObject({ reply: { kind: 'regex', regex: { source: '^HTTP/1\\.1 200' } } });
  });
});

describe('send_program', () => {
  test('overrides send, with the line the original logged', () => {
    const { spec, lines } = derived({ sendProgram: 'check %h %p', send: 'GET /' });
    expect(spec).toMatchObject({ kind: 'program', argv: ['check', '10.0.0.5', '8080'] });
    expect(lines).toEqual([
      'External program use requested: (check %h %p), IGNORING send string option (GET /)',
    ]);
  });

  test('regex does not apply to a program check', () => {
    expect(derived({ sendProgram: 'check', expect: 'O.', regex: true }).spec).toMatchObject({
      expect: utf8('O.'),
    });
  });

  test('an empty command is an error', () => {
    expect(deriveCheck({ ...base, sendProgram: '  ' })).toEqual({
      ok: false,
      error: 'send_program names no command',
    });
  });
});

test('UDP without expect waits for any datagram', () => {
  expect(derived({ protocol: 'udp', send: 'ping' }).spec).toEqual({
    kind: 'udp',
    target: base.target,
    send: utf8('ping'),
    reply: { kind: 'any' },
  });
});

test('empty strings count as not given', () => {
  expect(derived({ send: '', expect: '', sendProgram: '' }).spec).toMatchObject({
    kind: 'tcp',
    send: undefined,
    reply: { kind: 'none' },
  });
});
