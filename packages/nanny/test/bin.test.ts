// bin/nanny as a process: help, version, and exit status 1 with one line for a user error.
import { runBin } from '../../../test/support/run-bin.js';

test('--help and --version exit 0', async () => {
  const help = await runBin('nanny', ['--help']);
  expect([help.exitCode, help.stdout]).toEqual([0, expect.stringContaining('--lvsd-socket')]);
  const version = await runBin('nanny', ['--version']);
  expect([version.exitCode, version.stdout]).toEqual([
    0,
    expect.stringMatching(/^Program Version:\tnanny /),
  ]);
});

test.each([
  [[], "nanny: No address supplied. Use '--help' for help."],
  [['-h', 'host.example'], 'nanny: bad IP address -- host.example'],
  [['--bogus'], 'nanny: bad argument --bogus: unknown option'],
  [
    ['-h', '203.0.113.5', '-t', '0'],
    'nanny: bad argument --interval: 0: the interval is 1 second or more',
  ],
  [['-h', '203.0.113.5', '-w', '-1'], 'nanny: weight must be a whole number of 0 or more, not -1'],
  [['--group', 'web'], 'nanny: --group needs --lvsd-socket'],
  [['--lvsd-socket', '/tmp/none.sock'], 'nanny: --lvsd-socket needs --group'],
  [['-h', '203.0.113.5', 'web:1'], 'nanny: unexpected arguments: web:1'],
])('%j fails with one line', async (argv, line) => {
  const run = await runBin('nanny', argv);
  expect([run.exitCode, run.stderr.trim(), run.stdout]).toEqual([1, line, '']);
});
