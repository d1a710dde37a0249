// piranha-status against live sockets: fixed pulse and lvsd answers served by the daemons'
// own socket server (lvsd cannot run on the host, which has no IPVS), a real pulse in test
// mode inside a namespace, and the Prometheus endpoint scraped over HTTP.
import { execa, type ResultPromise } from 'execa';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenSocket, type SocketServer } from '@piranha-ts/daemon';
import {
  decodeToLvsd,
  decodeToPulse,
  type Decoder,
  type FromLvsdStatus,
  type FromPulse,
  type ToLvsd,
  type ToPulse,
} from '@piranha-ts/protocol';
import { lvsdStatus, pulseStatus } from '../../packages/status/test/fixtures.js';
import {
  createCluster,
  destroyCluster,
  pairLvsCf,
  PulseProcess,
  VIP,
  type Cluster,
} from '../support/directors.js';
import { REPO, runBin } from '../support/run-bin.js';

let dir = '';
const servers: SocketServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'piranha-status-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A socket at `name` in the scratch run directory answering every request with `reply` (null: silent). */
async function serve<In, Out>(name: string, decode: Decoder<In>, reply: Out | null): Promise<void> {
  const listening = await listenSocket<In, Out>({
    path: join(dir, name),
    decode,
    onConnection: (connection) => ({
      onMessage: () => {
        if (reply !== null) connection.send(reply);
      },
    }),
  });
  if (!listening.ok) throw new Error(listening.error.message);
  servers.push(listening.value);
}

const fakePulse = (reply: FromPulse | null = pulseStatus) =>
  serve<ToPulse, FromPulse>('pulse.sock', decodeToPulse, reply);
const fakeLvsd = (reply: FromLvsdStatus | null = lvsdStatus) =>
  serve<ToLvsd, FromLvsdStatus>('lvsd.sock', decodeToLvsd, reply);

const status = (...args: string[]) => runBin('piranha-status', ['--rundir', dir, ...args]);

describe('against sockets with fixed answers', () => {
  test('pulse and lvsd answer: the text report, exit 0', async () => {
    await fakePulse();
    await fakeLvsd();
    const run = await status();
    expect([run.exitCode, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^pulse: pid 4242\n {2}role {16}master\n {2}state {15}active\n/);
    expect(run.stdout).toContain('  VIPs held           203.0.113.100 192.0.2.254\n');
    expect(run.stdout).toContain('\nlvsd: pid 4250\n');
    expect(run.stdout).toContain('  kernel table   in sync at the last reconcile');
    expect(run.stdout).toContain(
      'web: -t 203.0.113.100:80 wlc\n' +
        '  SERVER  ADDRESS           WEIGHT  HEALTH   TABLE\n' +
        '  www1    198.51.100.10:80  2       up       2\n' +
        '  www2    198.51.100.11:80  1       down     -\n',
    );
    expect(run.stdout).toMatch(/NANNY GROUP {2}PID {3}MONITORS\ng0 {11}4260 {2}3\n/);
  });

  test('--json: both answers as they came', async () => {
    await fakePulse();
    await fakeLvsd();
    const run = await status('--json');
    expect([run.exitCode, JSON.parse(run.stdout)]).toEqual([
      0,
      { pulse: pulseStatus, lvsd: lvsdStatus },
    ]);
  });

  test('PIRANHA_RUNDIR finds the sockets without --rundir', async () => {
    await fakePulse();
    const run = await execa(`${REPO}bin/piranha-status`, [], {
      reject: false,
      env: { PIRANHA_RUNDIR: dir },
    });
    expect([run.exitCode, run.stdout.split('\n')[0]]).toEqual([0, 'pulse: pid 4242']);
    expect(run.stdout).toContain('\nlvsd: not running');
  });

  test('a backup: pulse answers, lvsd is not running; exit 0', async () => {
    await fakePulse({ ...pulseStatus, role: 'backup', state: 'inactive', vips: [] });
    const run = await status();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('  state               inactive\n');
    expect(run.stdout.split('\n').at(-1)).toBe('lvsd: not running');
  });

  test('lvsd alone answers: exit 0; a stale socket file is "not running"', async () => {
    await fakeLvsd();
    const stale = join(dir, 'pulse.sock');
    const script = `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`;
    await execa(process.execPath, ['-e', script], { reject: false });
    const run = await status();
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('pulse: not running');
    await rm(stale, { force: true });
  });

  test('nothing running: exit 3', async () => {
    expect(await status()).toEqual({
      exitCode: 3,
      stdout: 'pulse: not running\nlvsd: not running',
      stderr: '',
    });
  });

  test('a pulse that accepts and never answers, or answers an error: exit 1', async () => {
    await fakePulse(null);
    const silent = await status('--timeout', '300');
    expect(silent.exitCode).toBe(1);
    expect(silent.stdout.split('\n')[0]).toBe(
      `pulse: no answer: ${join(dir, 'pulse.sock')}: no reply in time`,
    );
    await servers.pop()?.close();
    await fakePulse({ v: 1, type: 'error', message: 'pulse is starting' });
    const starting = await status();
    expect([starting.exitCode, starting.stdout.split('\n')[0]]).toEqual([
      1,
      'pulse: no answer: pulse is starting',
    ]);
  });
});

interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

function http(port: number, method: string, path: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, method, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

class Exporter {
  readonly output: string[] = [];
  private readonly child: ResultPromise;

  constructor(port: number) {
    this.child = execa(
      `${REPO}bin/piranha-status`,
      ['--prometheus', `127.0.0.1:${port}`, '--rundir', dir, '-v'],
      { reject: false, stdin: 'ignore' },
    );
    this.child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
  }

  async started(): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      if (this.output.join('').includes('serving metrics')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the exporter did not start: ${this.output.join('')}`);
  }

  async stop(): Promise<number | undefined> {
    this.child.kill('SIGTERM');
    return (await this.child).exitCode;
  }
}

describe('the Prometheus endpoint', () => {
  let port = 0;
  let exporter: Exporter;

  beforeAll(async () => {
    port = await freePort();
    exporter = new Exporter(port);
    await exporter.started();
  });
  afterAll(async () => {
    await exporter.stop();
  });

  test('GET /metrics: every scrape asks both sockets afresh', async () => {
    await fakePulse();
    await fakeLvsd();
    const up = await http(port, 'GET', '/metrics');
    expect(up.status).toBe(200);
    expect(up.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = up.body.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# HELP piranha_pulse_up Whether pulse answered on its status socket.',
        '# TYPE piranha_pulse_up gauge',
        'piranha_pulse_up 1',
        'piranha_pulse_active 1',
        'piranha_pulse_role{role="master"} 1',
        'piranha_pulse_vips_held 2',
        'piranha_lvsd_up 1',
        'piranha_lvsd_table_in_sync 1',
        'piranha_real_server_up{service="web",server="www1",address="198.51.100.10:80"} 1',
        'piranha_real_server_weight{service="web",server="www2",address="198.51.100.11:80"} 0',
        'piranha_nanny_processes 1',
        'piranha_monitors 3',
      ]),
    );
    for (const server of servers.splice(0)) await server.close();
    const down = await http(port, 'GET', '/metrics');
    expect(down.body.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual([
      'piranha_pulse_up 0',
      'piranha_lvsd_up 0',
    ]);
  });

  test('HEAD /metrics: the headers without a body', async () => {
    const head = await http(port, 'HEAD', '/metrics');
    expect([head.status, head.body]).toEqual([200, '']);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  test('other paths 404, other methods 405', async () => {
    expect((await http(port, 'GET', '/')).status).toBe(404);
    expect((await http(port, 'GET', '/metrics/x')).status).toBe(404);
    const post = await http(port, 'POST', '/metrics');
    expect([post.status, post.headers['allow']]).toEqual([405, 'GET, HEAD']);
  });

  test('a port in use: one line, exit 1', async () => {
    const run = await runBin('piranha-status', ['--prometheus', `127.0.0.1:${port}`]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^piranha-status: cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
  });

  test('it logs through the logger and stops on SIGTERM with exit 0', async () => {
    await http(port, 'GET', '/metrics');
    expect(exporter.output.join('')).toMatch(
      /^piranha-status: serving metrics on 127\.0\.0\.1:\d+\/metrics\n/,
    );
    expect(exporter.output.join('')).toContain(
      'piranha-status: DEBUG -- scrape: pulse not-running, lvsd not-running\n',
    );
    expect(await exporter.stop()).toBe(0);
    expect(exporter.output.join('')).toContain('piranha-status: SIGTERM: stopping\n');
  });
});

describe('a real pulse in test mode, in a namespace', () => {
  let cluster: Cluster | undefined;
  let pulse: PulseProcess | undefined;

  beforeAll(async () => {
    cluster = await createCluster('status');
  }, 40_000);
  afterAll(async () => {
    await pulse?.stop();
    await destroyCluster(cluster);
  });

  test('piranha-status shows the active master, text and JSON; lvsd not running', async () => {
    if (cluster === undefined) throw new Error('no cluster');
    const { master } = cluster.hosts;
    const file = join(cluster.dir, 'lvs.cf');
    await writeFile(file, pairLvsCf(0.2, 0.6));
    pulse = new PulseProcess(master, file, ['-t']);
    await pulse.waitFor('partner dead: activating lvs');
    await pulse.status();

    const text = await runBin('piranha-status', ['--rundir', master.dir]);
    expect([text.exitCode, text.stderr]).toEqual([0, '']);
    expect(text.stdout.split('\n')).toEqual([
      `pulse: pid ${pulse.pid}`,
      '  role                master',
      '  state               active',
      '  failures            none',
      '  partner last heard  never',
      '  lvsd pid            none',
      `  VIPs held           ${VIP}`,
      'lvsd: not running',
    ]);

    const json = await runBin('piranha-status', ['--rundir', master.dir, '--json']);
    expect([json.exitCode, JSON.parse(json.stdout)]).toEqual([
      0,
      {
        pulse: {
          v: 1,
          type: 'pulse-status',
          pid: pulse.pid,
          role: 'master',
          state: 'active',
          failures: [],
          partnerLastHeardMs: null,
          lvsdPid: null,
          vips: [VIP],
        },
        lvsd: null,
      },
    ]);
  }, 40_000);
});
