// nanny's command line: every option, the nanny(8) aliases, and the errors.
import { HTTP_SEND, type CheckSpec } from '@piranha-ts/checks';
import { parseMonitorArgv } from '../src/monitor-argv.js';
import type { MonitorSettings } from '../src/settings.js';

function settings(argv: readonly string[]): MonitorSettings {
  const parsed = parseMonitorArgv(argv);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.settings;
}

function error(argv: readonly string[]): string {
  const parsed = parseMonitorArgv(argv);
  return parsed.ok ? 'parsed' : parsed.message;
}

const bytes = (spec: CheckSpec): string | undefined =>
  spec.kind === 'program' || spec.send === undefined
    ? undefined
    : Buffer.from(spec.send).toString('latin1');

test('defaults (6.1, 6.2): port 80, HTTP probe, 10 s, reentry 180 s, weight 1, scale 10, NAT', () => {
  const s = settings(['-h', '203.0.113.5']);
  expect(s.entry).toEqual({
    virtualAddress: '',
    virtualPort: 80,
    fwmark: 0,
    udp: false,
    real: { address: '203.0.113.5', port: 80 },
    method: '-m',
  });
  expect(s.monitor).toMatchObject({
    intervalMs: 10_000,
    checkTimeoutMs: 10_000,
    reentryMs: 180_000,
    weight: 1,
    scale: 10,
    quiesce: false,
    loadArgv: undefined,
  });
  expect(s.monitor.check.kind).toBe('tcp');
  expect(bytes(s.monitor.check)).toBe(HTTP_SEND);
  expect(s.startLines.map((l) => l.message)).toEqual([
    'starting LVS client monitor for :80 -> 203.0.113.5:80',
    'nanny: no monitor configured, assuming web service on port 80',
  ]);
});

test.each([
  [
    ['-h', '203.0.113.5'],
    ['--server', '203.0.113.5'],
  ],
  [
    ['-p', '21'],
    ['--port', '21'],
  ],
  [
    ['-r', '8080'],
    ['--rport', '8080'],
  ],
  [
    ['-V', '198.51.100.1'],
    ['--virtaddress', '198.51.100.1'],
  ],
  [
    ['-f', '7'],
    ['--fwmark', '7'],
  ],
  [
    ['-t', '3'],
    ['--interval', '3'],
  ],
  [
    ['-a', '30'],
    ['--reentrytime', '30'],
  ],
  [
    ['-w', '5'],
    ['--weight', '5'],
  ],
  [
    ['-S', '4'],
    ['--scale', '4'],
  ],
  [
    ['-M', 'g'],
    ['--method', 'g'],
  ],
  [
    ['-U', 'ssh'],
    ['--loadcmd', 'ssh'],
  ],
  [
    ['-s', 'HELO'],
    ['--send_string', 'HELO'],
  ],
  [
    ['-s', 'HELO'],
    ['--send_str', 'HELO'],
  ],
  [
    ['-x', '220'],
    ['--expect_string', '220'],
  ],
  [
    ['-x', '220'],
    ['--expect_str', '220'],
  ],
  [
    ['-e', 'check %h'],
    ['--send_program', 'check %h'],
  ],
  [['-q'], ['--quiesce_server']],
  [['-q'], ['--quiesce-server']],
  [['-T'], ['--suppress']],
  [['-u'], ['--udp']],
  [['-u'], ['--UDP']],
  [['-t', '3'], ['--interval=3']],
])('%j means the same as %j', (short, long) => {
  const base = ['-h', '203.0.113.5'];
  expect(settings([...base, ...short])).toEqual(settings([...base, ...long]));
});

test('each option reaches the monitor or the entry', () => {
  const s = settings([
    '-h',
    '203.0.113.5',
    '-p',
    '21',
    '-r',
    '2121',
    '-V',
    '198.51.100.1',
    '-t',
    '3',
    '-a',
    '9',
    '-w',
    '64',
    '-S',
    '4',
    '-M',
    '-i',
    '-U',
    'rsh',
    '-s',
    'USER x\\r\\n',
    '-x',
    '220',
    '-q',
    '-u',
    '--lvs',
    '-c',
    '-n',
    '-v',
    '-I',
    '/usr/local/sbin/ipvsadm',
  ]);
  expect(s.entry).toEqual({
    virtualAddress: '198.51.100.1',
    virtualPort: 21,
    fwmark: 0,
    udp: true,
    real: { address: '203.0.113.5', port: 2121 },
    method: '-i',
  });
  expect(s.monitor).toMatchObject({
    intervalMs: 3000,
    reentryMs: 9000,
    weight: 64,
    scale: 4,
    quiesce: true,
    loadArgv: ['rsh', '203.0.113.5', 'uptime'],
  });
  expect(s.monitor.check.kind).toBe('udp');
  expect(bytes(s.monitor.check)).toBe('USER x\r\n');
});

test('-T keeps backslashes; --regex compiles the expect string', () => {
  const kept = settings(['-h', '203.0.113.5', '-p', '25', '-s', 'a\\r\\n', '-T']);
  expect(bytes(kept.monitor.check)).toBe('a\\r\\n');
  const regex = settings(['-h', '203.0.113.5', '-p', '25', '-x', '^220 .*ready', '--regex']);
  const check = regex.monitor.check;
  expect(check.kind === 'tcp' ? check.reply.kind : check.kind).toBe('regex');
});

test('-e wins over -s and takes %h without a shell', () => {
  const s = settings(['-h', '203.0.113.5', '-p', '25', '-s', 'x', '-e', '/bin/check %h;touch']);
  expect(s.monitor.check).toMatchObject({
    kind: 'program',
    argv: ['/bin/check', '203.0.113.5;touch'],
  });
  expect(s.startLines[1]?.message).toMatch(/IGNORING send string option \(x\)/);
});

test.each([
  ['m', '-m'],
  ['-g', '-g'],
  ['i', '-i'],
  ['t', '-m'],
  ['x', '-m'],
])('-M %s is %s', (value, method) => {
  expect(settings(['-h', '203.0.113.5', '-M', value]).entry.method).toBe(method);
});

test('-a 0 is 180 s; -U none, rup, ruptime and a program', () => {
  expect(settings(['-h', '203.0.113.5', '-a', '0']).monitor.reentryMs).toBe(180_000);
  const load = (cmd: string) => settings(['-h', '203.0.113.5', '-U', cmd]).monitor.loadArgv;
  expect(load('none')).toBeUndefined();
  expect(load('rup')).toEqual(['rup', '203.0.113.5']);
  expect(load('ruptime')).toEqual(['ruptime', '203.0.113.5']);
  expect(load('/usr/local/bin/load')).toEqual(['/usr/local/bin/load', '203.0.113.5']);
});

test.each([
  [[], "No address supplied. Use '--help' for help."],
  [['-h', 'www.example.com'], 'bad IP address -- www.example.com'],
  [['-h', '203.0.113.256'], 'bad IP address -- 203.0.113.256'],
  [['-h', '203.0.113'], 'bad IP address -- 203.0.113'],
  [['-h', '203.0.113.5', '-t', 'ten'], 'bad argument -t: invalid numeric value "ten"'],
  [['-h', '203.0.113.5', '--weight', '1.5'], 'bad argument -w: invalid numeric value "1.5"'],
  [['-h', '203.0.113.5', '-p'], 'bad argument -p: missing argument'],
  [['-h', '203.0.113.5', '--bogus'], 'bad argument --bogus: unknown option'],
  [['-h', '203.0.113.5', '-p', '70000'], 'bad argument --port: 70000'],
  [['-h', '203.0.113.5', '--fos'], expect.stringMatching(/not supported/)],
  [['-h', '203.0.113.5', '-R', '/etc/init.d/x start'], expect.stringMatching(/not supported/)],
  [['-h', '203.0.113.5', 'extra'], 'unexpected arguments'],
  [['-h', '203.0.113.5', '-e', '   '], 'send_program names no command'],
])('%j: %s', (argv, message) => {
  expect(error(argv)).toEqual(message);
});

test('--help inside an assign is an error, not output', () => {
  expect(error(['--help'])).not.toBe('parsed');
});
