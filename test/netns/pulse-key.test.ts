// Signed heartbeats (--heartbeat-key) against forgeries: a third namespace, the client, sends
// datagrams that claim to come from the dead master's address. Without a key one forged
// "running" makes the active backup step down; with a key, unsigned, wrongly signed and
// replayed heartbeats change nothing.
import { createHmac } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeHeartbeat, signHeartbeat } from '@piranha-ts/heartbeat';
import { startCapture, until } from '../support/netns.js';
import {
  createCluster,
  destroyCluster,
  holdsVip,
  PulseProcess,
  sendDatagrams,
  VIP,
  type Cluster,
} from '../support/directors.js';

const SLOW = 40_000;
const PORT = 539;
const MASTER = '203.0.113.1';
const BACKUP = '203.0.113.2';

let cluster: Cluster;
let file: string;
let keyFile: string;
const running: PulseProcess[] = [];

const LVS_CF = [
  `primary = ${MASTER}`,
  `backup = ${BACKUP}`,
  'backup_active = 1',
  `heartbeat_port = ${PORT}`,
  'keepalive = 0.2',
  'deadtime = 0.6',
  'network = direct',
  'virtual web {',
  '  active = 1',
  `  address = ${VIP} eth0:1`,
  '  port = 80',
  '}',
  '',
].join('\n');

function pulse(name: 'master' | 'backup', args: readonly string[]): PulseProcess {
  const started = new PulseProcess(cluster.hosts[name], file, ['-t', ...args]);
  running.push(started);
  return started;
}

const hmac = (key: Uint8Array, data: Uint8Array) => createHmac('sha256', key).update(data).digest();

/** The UDP payloads of captured Ethernet/IPv4 frames. */
function udpPayloads(frames: readonly Uint8Array[]): Uint8Array[] {
  return frames.map((frame) => {
    const ipHeader = ((frame[14] ?? 0) & 0x0f) * 4;
    return frame.subarray(14 + ipHeader + 8);
  });
}

beforeAll(async () => {
  cluster = await createCluster('pkey');
  file = join(cluster.dir, 'lvs.cf');
  await writeFile(file, LVS_CF);
  keyFile = join(cluster.dir, 'heartbeat.key');
  await writeFile(keyFile, 'correct horse battery staple 2026\n');
  await chmod(keyFile, 0o600);
}, SLOW);

afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
});

afterAll(async () => {
  await destroyCluster(cluster);
});

test(
  'without a key, one forged running from the master address makes the active backup step down',
  async () => {
    const b = pulse('backup', []);
    await b.waitFor('partner dead: activating lvs');
    await until(() => holdsVip(cluster.hosts.backup), Boolean, 5_000);
    const forged = encodeHeartbeat('lvs', 'running');
    await sendDatagrams(cluster.hosts.client, MASTER, BACKUP, PORT, [forged]);
    await b.waitFor('partner active: deactivating LVS');
  },
  SLOW,
);

test(
  'with a key: signed heartbeats keep the pair steady; unsigned, wrongly signed and replayed ' +
    'ones from a third namespace change nothing',
  async () => {
    const key = ['--heartbeat-key', keyFile];
    const { master, backup, client } = cluster.hosts;
    const m = pulse('master', key);
    await m.waitFor('partner dead: activating lvs');
    const capture = await startCapture(
      { ns: master.ns, ifname: 'eth0' },
      join(cluster.dir, 'signed.pcap'),
      ['udp', 'and', 'src', 'host', MASTER],
    );
    const b = pulse('backup', key);
    await b.waitFor('STARTING PULSE AS BACKUP');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await capture.stop();
    expect(b.messages()).toEqual(['STARTING PULSE AS BACKUP']);
    const captured = udpPayloads((await capture.records()).map((r) => r.data));
    expect(captured.length).toBeGreaterThan(3);
    expect(captured.every((p) => p.length === 48)).toBe(true);

    m.kill('SIGKILL');
    await b.waitFor('partner dead: activating lvs');
    await until(() => holdsVip(backup), Boolean, 5_000);

    const wrongKey = { key: new TextEncoder().encode('not the key at all, sorry'), mac: hmac };
    const sequence = BigInt(Date.now()) * 1000n + 10_000_000n;
    await sendDatagrams(client, MASTER, BACKUP, PORT, [encodeHeartbeat('lvs', 'running')]);
    await b.waitFor('unsigned heartbeat refused (a heartbeat key is configured)');
    const badlySigned = signHeartbeat('lvs', 'running', 'master', sequence, wrongKey);
    await sendDatagrams(client, MASTER, BACKUP, PORT, [badlySigned]);
    await b.waitFor('heartbeat with a bad signature refused');
    await sendDatagrams(client, MASTER, BACKUP, PORT, captured);
    await until(
      async () => b.count('replayed heartbeat refused') + b.count('out-of-date heartbeat refused'),
      (n) => n === captured.length,
      5_000,
    );

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(b.count('partner active: deactivating LVS')).toBe(0);
    expect(await holdsVip(backup)).toBe(true);
    expect(await b.status()).toMatchObject({ state: 'active', vips: [VIP] });
  },
  SLOW,
);
