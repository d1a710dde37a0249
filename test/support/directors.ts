// Two LVS directors and a client on one bridge, each in its own network namespace (the bridge
// has one too), and pulse processes running in them. Inside every namespace the interface is
// called eth0, so one lvs.cf (`address = VIP eth0:1`) serves both directors.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { parseMac, type MacAddress } from '@piranha-ts/net';
import { decodeFromPulse, type FromPulse } from '@piranha-ts/protocol';
import { requestSocket } from '@piranha-ts/daemon';
import { deleteNamespaces, inNamespace, ip, linkMac, runId, sysctl } from './netns.js';
import { REPO } from './run-bin.js';

export const VIP = '203.0.113.100';
export type NodeName = 'master' | 'backup' | 'client';

export interface Host {
  readonly name: NodeName;
  readonly ns: string;
  /** The bridge port facing this host, in the bridge namespace. */
  readonly port: string;
  readonly address: string;
  readonly dir: string;
  mac: MacAddress;
}

export interface Cluster {
  readonly bridgeNs: string;
  readonly hosts: Readonly<Record<NodeName, Host>>;
  readonly dir: string;
}

const ADDRESSES: Readonly<Record<NodeName, string>> = {
  master: '203.0.113.1',
  backup: '203.0.113.2',
  client: '203.0.113.3',
};

/**
 * The lvs.cf both directors read: heartbeat between master and backup, one virtual service
 * `web` on VIP:80 with one real server; `extra` goes among the global settings.
 */
export function pairLvsCf(keepalive: number, deadtime: number, extra = ''): string {
  return [
    'serial_no = 1',
    `primary = ${ADDRESSES.master}`,
    'service = lvs',
    'backup_active = 1',
    `backup = ${ADDRESSES.backup}`,
    'heartbeat = 1',
    'heartbeat_port = 539',
    `keepalive = ${keepalive}`,
    `deadtime = ${deadtime}`,
    'network = direct',
    extra,
    'virtual web {',
    '  active = 1',
    `  address = ${VIP} eth0:1`,
    '  port = 80',
    '  server www1 {',
    '    address = 198.51.100.10',
    '    active = 1',
    '  }',
    '}',
    '',
  ].join('\n');
}

export async function createCluster(prefix: string): Promise<Cluster> {
  const id = runId();
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const bridgeNs = `pts-${prefix}-${id}-br`;
  await ip(['netns', 'add', bridgeNs]);
  await ip(['-n', bridgeNs, 'link', 'add', 'br0', 'type', 'bridge']);
  await ip(['-n', bridgeNs, 'link', 'set', 'br0', 'up']);
  const hosts = {} as Record<NodeName, Host>;
  for (const name of ['master', 'backup', 'client'] as const) {
    const ns = `pts-${prefix}-${id}-${name[0] ?? ''}`;
    const port = `to-${name}`;
    await ip(['netns', 'add', ns]);
    await ip([
      '-n',
      bridgeNs,
      'link',
      'add',
      port,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      ns,
    ]);
    await ip(['-n', bridgeNs, 'link', 'set', port, 'master', 'br0', 'up']);
    await ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    await ip(['-n', ns, 'addr', 'add', `${ADDRESSES[name]}/24`, 'brd', '+', 'dev', 'eth0']);
    await ip(['-n', ns, 'link', 'set', 'eth0', 'up']);
    const parsed = parseMac(await linkMac(ns, 'eth0'));
    if (!parsed.ok) throw new Error(`no MAC in ${ns}`);
    const hostDir = join(dir, name);
    await mkdir(hostDir);
    hosts[name] = { name, ns, port, address: ADDRESSES[name], dir: hostDir, mac: parsed.mac };
  }
  // The client learns the VIP from the first gratuitous ARP it sees.
  await sysctl(hosts.client.ns, 'net.ipv4.conf.all.arp_accept', '1');
  await sysctl(hosts.client.ns, 'net.ipv4.conf.eth0.arp_accept', '1');
  return { bridgeNs, hosts, dir };
}

/** The private heartbeat path: a veth pair `eth1` straight between the two directors. */
export const PRIVATE: Readonly<Record<'master' | 'backup', string>> = {
  master: '198.51.100.1',
  backup: '198.51.100.2',
};

export async function addPrivateLink(cluster: Cluster): Promise<void> {
  const { master, backup } = cluster.hosts;
  await ip([
    '-n',
    master.ns,
    'link',
    'add',
    'eth1',
    'type',
    'veth',
    'peer',
    'name',
    'eth1',
    'netns',
    backup.ns,
  ]);
  for (const host of [master, backup]) {
    const name = host.name === 'master' ? 'master' : 'backup';
    await ip(['-n', host.ns, 'addr', 'add', `${PRIVATE[name]}/24`, 'dev', 'eth1']);
    await ip(['-n', host.ns, 'link', 'set', 'eth1', 'up']);
  }
}

export async function destroyCluster(cluster: Cluster | undefined): Promise<void> {
  if (cluster === undefined) return;
  const { hosts } = cluster;
  await deleteNamespaces([hosts.master.ns, hosts.backup.ns, hosts.client.ns, cluster.bridgeNs]);
  await rm(cluster.dir, { recursive: true, force: true });
}

export interface LogLine {
  readonly at: number;
  readonly text: string;
}

export class PulseProcess {
  readonly lines: LogLine[] = [];
  private readonly child: ResultPromise;
  readonly exited: Promise<number | undefined>;

  constructor(
    readonly host: Host,
    configFile: string,
    args: readonly string[],
  ) {
    const argv = [
      `${REPO}bin/pulse`,
      '-n',
      '-c',
      configFile,
      '--pidfile',
      join(host.dir, 'pulse.pid'),
      ...args,
    ];
    // `ip netns exec` execs node itself: the child's pid is pulse's.
    this.child = execa('ip', ['netns', 'exec', host.ns, process.execPath, ...argv], {
      reject: false,
      stdin: 'ignore',
      env: { PIRANHA_RUNDIR: host.dir },
      timeout: 170_000,
    });
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const pieces = text.split('\n');
      partial = pieces.pop() ?? '';
      for (const piece of pieces) this.lines.push({ at: Date.now(), text: piece });
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = this.child.then((r) => r.exitCode);
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error('pulse did not start');
    return pid;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Stops pulse with SIGTERM and waits for it; true when it exited 0. */
  async stop(): Promise<number | undefined> {
    this.kill('SIGTERM');
    return this.exited;
  }

  /** Log lines without the `pulse: ` prefix, DEBUG lines left out (all with `debug`). */
  messages(debug = false): string[] {
    return this.lines
      .map((l) => l.text.replace(/^pulse: /, ''))
      .filter((t) => debug || !t.startsWith('DEBUG --'));
  }

  /** Resolves with the time the line `pulse: <text>` was printed (the n-th such line). */
  async waitFor(text: string, timeoutMs = 10_000, nth = 1): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.filter((l) => l.text === `pulse: ${text}`)[nth - 1];
      if (found !== undefined) return found.at;
      if (Date.now() > deadline) {
        throw new Error(
          `${this.host.name} never said "${text}"; it said:\n${this.messages(true).slice(-30).join('\n')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  count(text: string): number {
    return this.lines.filter((l) => l.text === `pulse: ${text}`).length;
  }

  /** Waits until the status socket answers. */
  async status(): Promise<FromPulse> {
    const answer = await requestSocket<FromPulse, object>(
      {
        path: join(this.host.dir, 'pulse.sock'),
        decode: decodeFromPulse,
        timeoutMs: 2_000,
        retryForMs: 5_000,
      },
      { v: 1, type: 'status' },
    );
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  }
}

/** The IPv4 addresses on a host's eth0. */
export async function addressesOf(host: Host): Promise<string[]> {
  const listing = JSON.parse(await ip(['-j', '-n', host.ns, 'addr', 'show', 'dev', 'eth0'])) as {
    addr_info: { family: string; local: string; label?: string }[];
  }[];
  return (listing[0]?.addr_info ?? []).filter((a) => a.family === 'inet').map((a) => a.local);
}

export function holdsVip(host: Host): Promise<boolean> {
  return addressesOf(host).then((a) => a.includes(VIP));
}

/** iptables in a host's namespace, e.g. to drop the heartbeat port. */
export async function iptables(host: Host, args: readonly string[]): Promise<void> {
  const run = await inNamespace(host.ns, 'iptables', args);
  if (run.exitCode !== 0) throw new Error(`iptables ${args.join(' ')}: ${run.stderr}`);
}

/**
 * Sends UDP datagrams from `from` in the client namespace: the address is put on the client's
 * loopback, which is how a forged heartbeat claims to be the partner. arp_announce 2 and
 * arp_ignore 1 keep the client from claiming that address on the wire.
 */
export async function sendDatagrams(
  client: Host,
  from: string,
  to: string,
  port: number,
  payloads: readonly Uint8Array[],
): Promise<void> {
  for (const key of ['all', 'eth0']) {
    await sysctl(client.ns, `net.ipv4.conf.${key}.arp_announce`, '2');
    await sysctl(client.ns, `net.ipv4.conf.${key}.arp_ignore`, '1');
  }
  await inNamespace(client.ns, 'ip', ['addr', 'replace', `${from}/32`, 'dev', 'lo']);
  const hex = payloads.map((p) => Buffer.from(p).toString('hex'));
  const script = [
    "const dgram = await import('node:dgram');",
    "const s = dgram.createSocket('udp4');",
    `await new Promise((r) => s.bind({ address: ${JSON.stringify(from)}, port: ${port} }, r));`,
    `for (const h of ${JSON.stringify(hex)}) {`,
    `  await new Promise((r, j) => s.send(Buffer.from(h, 'hex'), ${port}, ${JSON.stringify(to)}, (e) => (e ? j(e) : r())));`,
    '}',
    's.close();',
  ].join('\n');
  const run = await inNamespace(client.ns, process.execPath, ['--input-type=module', '-e', script]);
  if (run.exitCode !== 0) throw new Error(`sending from ${from}: ${run.stderr}`);
}
