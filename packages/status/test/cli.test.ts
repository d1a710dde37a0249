// piranha-status's options: the parsed run, and through bin/ every way to get them wrong.
import { runBin } from '../../../test/support/run-bin.js';
import { parseListenAddress, statusOptions } from '../src/cli.js';

const defaults = { json: false, timeout: '2000', syslog: false, verbose: false };

test('no options: print text, sockets in $PIRANHA_RUNDIR or /var/run/piranha', () => {
  expect(statusOptions(defaults, {})).toEqual({
    ok: true,
    run: {
      kind: 'print',
      json: false,
      sockets: {
        pulse: '/var/run/piranha/pulse.sock',
        lvsd: '/var/run/piranha/lvsd.sock',
        timeoutMs: 2000,
      },
    },
  });
  const env = { PIRANHA_RUNDIR: '/run/ns1' };
  expect(statusOptions(defaults, env)).toMatchObject({
    run: { sockets: { pulse: '/run/ns1/pulse.sock' } },
  });
  expect(statusOptions({ ...defaults, rundir: '/run/ns2' }, env)).toMatchObject({
    run: { sockets: { pulse: '/run/ns2/pulse.sock', lvsd: '/run/ns2/lvsd.sock' } },
  });
});

test('--json and --timeout', () => {
  expect(statusOptions({ ...defaults, json: true, timeout: '250' }, {})).toMatchObject({
    ok: true,
    run: { kind: 'print', json: true, sockets: { timeoutMs: 250 } },
  });
});

test('--prometheus with its logging options', () => {
  const raw = { ...defaults, prometheus: '127.0.0.1:9539', syslog: true, verbose: true };
  expect(statusOptions(raw, {})).toMatchObject({
    ok: true,
    run: { kind: 'serve', listen: { host: '127.0.0.1', port: 9539 }, syslog: true, verbose: true },
  });
});

test.each([
  ['127.0.0.1:9539', { host: '127.0.0.1', port: 9539 }],
  ['localhost:1', { host: 'localhost', port: 1 }],
  ['[::1]:65535', { host: '::1', port: 65535 }],
  ['127.0.0.1', undefined],
  [':9539', undefined],
  ['127.0.0.1:0', undefined],
  ['127.0.0.1:65536', undefined],
  ['127.0.0.1:95x', undefined],
  ['::1:9539', undefined],
])('listen address %s', (text, address) => {
  expect(parseListenAddress(text)).toEqual(address);
});

test.each<[string, readonly string[], string]>([
  ['an unknown option', ['--bogus'], 'bad argument --bogus: unknown option'],
  ['an argument', ['extra'], 'unexpected arguments'],
  ['--timeout without a value', ['--timeout'], 'bad argument --timeout: missing argument'],
  [
    '--timeout not a number',
    ['--timeout', '2s'],
    'bad argument --timeout: expected a whole number of milliseconds >= 1, got "2s"',
  ],
  [
    '--timeout 0',
    ['--timeout', '0'],
    'bad argument --timeout: expected a whole number of milliseconds >= 1, got "0"',
  ],
  ['--rundir empty', ['--rundir', ''], 'bad argument --rundir: expected a directory, got ""'],
  [
    '--prometheus without a port',
    ['--prometheus', '127.0.0.1'],
    'bad argument --prometheus: expected ADDRESS:PORT, got "127.0.0.1"',
  ],
  [
    '--json with --prometheus',
    ['--json', '--prometheus', '127.0.0.1:9539'],
    '--json and --prometheus exclude each other',
  ],
  ['--syslog alone', ['--syslog'], '--syslog and --verbose go with --prometheus'],
])('%s: one line naming it, exit 2', async (_name, args, message) => {
  const run = await runBin('piranha-status', args);
  expect(run).toEqual({ exitCode: 2, stdout: '', stderr: `piranha-status: ${message}` });
});

test('--help and -? print the options, --version three lines, exit 0', async () => {
  const help = await runBin('piranha-status', ['--help']);
  expect(help.exitCode).toBe(0);
  expect(help.stdout).toContain('Usage: piranha-status [options]');
  expect((await runBin('piranha-status', ['-?'])).stdout).toBe(help.stdout);
  const version = await runBin('piranha-status', ['--version']);
  expect(version.exitCode).toBe(0);
  expect(version.stdout.split('\n')[0]).toMatch(/^Program Version:\tpiranha-status \d/);
});

test('nothing running: both say so, exit 3; --json gives nulls', async () => {
  const rundir = ['--rundir', '/nonexistent/piranha'];
  expect(await runBin('piranha-status', rundir)).toEqual({
    exitCode: 3,
    stdout: 'pulse: not running\nlvsd: not running',
    stderr: '',
  });
  const json = await runBin('piranha-status', [...rundir, '--json']);
  expect([json.exitCode, JSON.parse(json.stdout)]).toEqual([3, { pulse: null, lvsd: null }]);
});
