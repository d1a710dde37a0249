// nanny against real servers in a network namespace: TCP, the default HTTP probe, expect with
// escapes and --regex, UDP (ICMP port unreachable is down), send_program without a shell, and
// group mode with this test playing lvsd's side of the socket. Runs as root (make netns).
import { access, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { listenSocket, type MessageConnection, type SocketServer } from '@piranha-ts/daemon';
import {
  decodeFromNanny,
  type FromNanny,
  type MonitorAssignment,
  type MonitorReport,
  type ToNanny,
} from '@piranha-ts/protocol';
import { REPO } from '../support/run-bin.js';
import { createVethLink, deleteNamespaces, runId, type VethLink } from '../support/netns.js';
import { startServer, stopServer, writeServerScript, type RunningServer } from './nanny-servers.js';

const id = runId();
const link: VethLink = {
  a: { ns: `pts-nanny-${id}-d`, ifname: `nan${id}d`, address: '203.0.113.1' },
  b: { ns: `pts-nanny-${id}-s`, ifname: `nan${id}s`, address: '203.0.113.10' },
  prefixLength: 24,
};
const director = link.a.ns;
const servers = link.b.ns;
const SERVER = link.b.address;
const SLOW = 60_000;
/** -t 1: one second between checks, and the check's deadline. */
const INTERVAL_S = 1;

let dir = '';
let script = '';
let lvsd: SocketServer;
let socketPath = '';
const received: FromNanny[] = [];
const peers: MessageConnection<ToNanny>[] = [];
const running: ResultPromise[] = [];
const serversRunning: RunningServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanny-netns-'));
  script = await writeServerScript(dir);
  await createVethLink(link);
  socketPath = join(dir, 'run', 'lvsd.sock');
  const listening = await listenSocket<FromNanny, ToNanny>({
    path: socketPath,
    decode: decodeFromNanny,
    onConnection: (connection) => {
      peers.push(connection);
      return { onMessage: (m) => received.push(m) };
    },
  });
  if (!listening.ok) throw new Error(listening.error.message);
  lvsd = listening.value;
}, SLOW);

afterAll(async () => {
  for (const server of serversRunning) running.push(server.child);
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map((c) => c.catch(() => undefined)));
  await lvsd.close();
  await deleteNamespaces([director, servers]);
  await rm(dir, { recursive: true, force: true });
});

function nanny(args: readonly string[]): ResultPromise {
  const child = execa(
    'ip',
    ['netns', 'exec', director, process.execPath, `${REPO}bin/nanny`, ...args],
    {
      reject: false,
      stdin: 'ignore',
      all: true,
    },
  );
  running.push(child);
  return child;
}

async function waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const reports = (monitor: string, after = 0): MonitorReport[] =>
  received.slice(after).flatMap((m) => (m.type === 'report' && m.id === monitor ? [m] : []));

function nextReport(monitor: string, state: 'up' | 'down', after: number, timeoutMs: number) {
  return waitFor(
    () => reports(monitor, after).find((r) => r.state === state),
    timeoutMs,
    `${monitor} ${state}`,
  );
}

const base = (port: number, rest: readonly string[] = []) => [
  '-h',
  SERVER,
  '-p',
  String(port),
  '-t',
  String(INTERVAL_S),
  '-a',
  '3',
  '--lvs',
  ...rest,
];

describe('group mode', () => {
  let child: ResultPromise;
  let http: RunningServer;
  let banner: RunningServer;
  const pwned = () => join(dir, 'pwned');

  beforeAll(async () => {
    http = await startServer(servers, script, 'http', 80, SERVER);
    banner = await startServer(servers, script, 'banner', 21, SERVER);
    serversRunning.push(http, banner, await startServer(servers, script, 'udp', 7, SERVER));
    const check = join(dir, 'check.sh');
    await writeFile(
      check,
      `#!/bin/sh\nprintf '%s\\n' "$@" > ${join(dir, 'check-args')}\necho OK\n`,
    );
    await chmod(check, 0o755);
    const monitors: MonitorAssignment[] = [
      { id: 'http', argv: base(80) },
      { id: 'ftp', argv: base(21, ['-x', '220 piranha FTP ready\\r\\n']) },
      { id: 'ftp-raw', argv: base(21, ['-x', '220 piranha FTP ready\\r\\n', '-T']) },
      { id: 'regex', argv: base(21, ['-x', '^220 [a-z]+ FTP', '--regex']) },
      { id: 'regex-no', argv: base(21, ['-x', '^230 |FTP done$', '--regex']) },
      { id: 'udp', argv: base(7, ['-u', '-s', 'ping\\n', '-x', 'ping\\n']) },
      { id: 'udp-closed', argv: base(9, ['-u', '-s', 'ping']) },
      {
        id: 'program',
        argv: base(25, [
          '-e',
          `${check} %h $(touch${' '}${pwned()}) ;touch${' '}${pwned()} \`id\` %h:%p`,
          '-x',
          'OK',
        ]),
      },
      { id: 'broken', argv: ['-h', 'not-an-address'] },
    ];
    child = nanny([
      '-n',
      '--lvsd-socket',
      socketPath,
      '--group',
      'web',
      '--',
      ...monitors.map((m) => m.id),
    ]);
    await waitFor(() => received.find((m) => m.type === 'hello'), 20_000, 'hello');
    peers[0]?.send({ v: 1, type: 'assign', monitors });
  }, SLOW);

  test('hello names the group and the process', () => {
    expect(received[0]).toEqual({ v: 1, type: 'hello', pid: expect.any(Number), group: 'web' });
  });

  test('an argv nanny cannot parse is an error naming the monitor', async () => {
    const error = await waitFor(() => received.find((m) => m.type === 'error'), 10_000, 'error');
    expect(error).toEqual({
      v: 1,
      type: 'error',
      id: 'broken',
      message: 'bad IP address -- not-an-address',
    });
  });

  test.each([
    ['http', 'up'],
    ['ftp', 'up'],
    ['regex', 'up'],
    ['udp', 'up'],
    ['program', 'up'],
    ['ftp-raw', 'down'],
    ['regex-no', 'down'],
    ['udp-closed', 'down'],
  ] as const)(
    '%s is %s',
    async (monitor, state) => {
      const report = await waitFor(() => reports(monitor)[0], 15_000, monitor);
      expect(report.state).toBe(state);
    },
    SLOW,
  );

  test('reasons say why', async () => {
    expect(reports('udp-closed')[0]?.reason).toMatch(/Connection refused/);
    expect(reports('regex-no')[0]?.reason).toMatch(/did not match/);
    expect(reports('http')[0]).toMatchObject({
      weight: 1,
      reason: expect.stringMatching(/making 203.0.113.10:80 available/),
    });
  });

  test('send_program gets its arguments as words, never through a shell', async () => {
    const args = (await readFile(join(dir, 'check-args'), 'utf8')).trimEnd().split('\n');
    expect(args).toEqual([
      SERVER,
      `$(touch`,
      `${pwned()})`,
      ';touch',
      pwned(),
      '`id`',
      `${SERVER}:25`,
    ]);
    await expect(access(pwned())).rejects.toThrow();
  });

  test(
    'a status follows the assign and repeats',
    async () => {
      const statuses = () => received.filter((m) => m.type === 'status');
      await waitFor(() => (statuses().length >= 2 ? true : undefined), 15_000, 'two statuses');
      const last = statuses().at(-1);
      expect(last?.type === 'status' ? last.reports.map((r) => r.id).sort() : []).toEqual(
        expect.arrayContaining(['http', 'ftp', 'udp']),
      );
    },
    SLOW,
  );

  test(
    'a stopped server is down within interval + timeout, up again only after reentry',
    async () => {
      await nextReport('http', 'up', 0, 15_000);
      const mark = received.length;
      const stoppedAt = Date.now();
      await stopServer(http);
      await nextReport('http', 'down', mark, 10_000);
      const downAfter = Date.now() - stoppedAt;
      // interval + timeout, and slack for a busy machine.
      expect(downAfter).toBeLessThanOrEqual(2 * INTERVAL_S * 1000 + 2000);

      const back = received.length;
      http = await startServer(servers, script, 'http', 80, SERVER);
      serversRunning.push(http);
      const restartedAt = Date.now();
      await nextReport('http', 'up', back, 15_000);
      // -a 3 with -t 1: three passing checks in a row, so at least two intervals after the first.
      expect(Date.now() - restartedAt).toBeGreaterThanOrEqual(2 * INTERVAL_S * 1000);
    },
    SLOW,
  );

  test(
    'a new assign keeps unchanged monitors and stops the others',
    async () => {
      const before = received.length;
      const keep: MonitorAssignment = {
        id: 'ftp',
        argv: base(21, ['-x', '220 piranha FTP ready\\r\\n']),
      };
      peers[0]?.send({ v: 1, type: 'assign', monitors: [keep] });
      const status = await waitFor(
        () => received.slice(before).find((m) => m.type === 'status'),
        10_000,
        'status after assign',
      );
      // Kept with its state: its report is in the status at once.
      expect(status.type === 'status' ? status.reports : []).toEqual([
        expect.objectContaining({ id: 'ftp', state: 'up' }),
      ]);
      await stopServer(banner);
      await nextReport('ftp', 'down', before, 10_000);
    },
    SLOW,
  );

  test(
    'nanny exits when the socket closes',
    async () => {
      peers[0]?.close();
      const result = await child;
      expect(result.exitCode).toBe(1);
      expect(result.all).toMatch(/lost the connection to lvsd/);
    },
    SLOW,
  );
});

describe('standalone', () => {
  test(
    '--test-start logs the ipvsadm commands it would run; SIGTERM removes the entry, exit 0',
    async () => {
      const http = await startServer(servers, script, 'http', 8080, SERVER);
      serversRunning.push(http);
      const child = nanny([
        '-n',
        '--test-start',
        '-V',
        '198.51.100.1',
        '-w',
        '64',
        ...base(80, ['-r', '8080']),
      ]);
      await waitFor(() => ((child.all ? '' : '') === '' ? undefined : true), 0, 'never').catch(
        () => undefined,
      );
      let output = '';
      child.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitFor(() => (output.includes('"-a"') ? true : undefined), 15_000, 'ipvsadm -a');
      child.kill('SIGTERM');
      const result = await child;
      expect(result.exitCode).toBe(0);
      const lines = String(result.all).split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          'nanny: starting LVS client monitor for 198.51.100.1:80 -> 203.0.113.10:8080',
          'nanny: nanny: no monitor configured, assuming web service on port 80',
          'nanny: [ active ] making 203.0.113.10:8080 available',
          'nanny: running command  "/sbin/ipvsadm" "-a" "-t" "198.51.100.1:80" "-r" "203.0.113.10:8080" "-m" "-w" "2"',
          'nanny: Terminating due to signal 15',
          'nanny: running command  "/sbin/ipvsadm" "-d" "-t" "198.51.100.1:80" "-r" "203.0.113.10:8080"',
        ]),
      );
    },
    SLOW,
  );
});
