// Network namespaces for the netns suite: two namespaces joined by a veth pair, commands run
// inside them, neighbour tables, and tcpdump captures. Every command is an argv array.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { execa, type ResultPromise } from 'execa';
import { readPcap, type PcapRecord } from './pcap.js';

export interface End {
  readonly ns: string;
  readonly ifname: string;
  readonly address: string;
}

export interface VethLink {
  readonly a: End;
  readonly b: End;
  readonly prefixLength: number;
}

/** 6 hex digits: short enough for interface names (15 characters at most). */
export function runId(): string {
  return randomBytes(3).toString('hex');
}

export async function ip(args: readonly string[]): Promise<string> {
  return (await execa('ip', args, { stdin: 'ignore' })).stdout;
}

/** Runs a program inside a namespace; never rejects, the caller looks at the exit code. */
export function inNamespace(ns: string, file: string, args: readonly string[]) {
  return execa('ip', ['netns', 'exec', ns, file, ...args], {
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
  });
}

export async function sysctl(ns: string, key: string, value?: string): Promise<string> {
  const args = value === undefined ? ['-n', key] : ['-qw', `${key}=${value}`];
  const run = await inNamespace(ns, 'sysctl', args);
  if (run.exitCode !== 0) throw new Error(`sysctl ${args.join(' ')} in ${ns}: ${run.stderr}`);
  return run.stdout.trim();
}

/** Two new namespaces, a veth pair between them, addresses and links up. */
export async function createVethLink(link: VethLink): Promise<void> {
  const { a, b, prefixLength } = link;
  await ip(['netns', 'add', a.ns]);
  await ip(['netns', 'add', b.ns]);
  await ip(['link', 'add', a.ifname, 'netns', a.ns, 'type', 'veth', 'peer', 'name', b.ifname]);
  await ip(['link', 'set', b.ifname, 'netns', b.ns]);
  for (const end of [a, b]) {
    await ip(['-n', end.ns, 'link', 'set', 'lo', 'up']);
    const cidr = `${end.address}/${prefixLength}`;
    await ip(['-n', end.ns, 'addr', 'add', cidr, 'brd', '+', 'dev', end.ifname]);
    await ip(['-n', end.ns, 'link', 'set', end.ifname, 'up']);
  }
}

/** Deletes namespaces (and with them their interfaces); missing ones are fine. */
export async function deleteNamespaces(names: readonly string[]): Promise<void> {
  for (const ns of names) {
    await execa('ip', ['netns', 'del', ns], { reject: false, stdin: 'ignore' });
  }
}

export async function linkMac(ns: string, ifname: string): Promise<string> {
  const links = JSON.parse(await ip(['-j', '-n', ns, 'link', 'show', 'dev', ifname])) as {
    address: string;
  }[];
  const address = links[0]?.address;
  if (address === undefined) throw new Error(`no address for ${ifname} in ${ns}`);
  return address;
}

export interface Neighbour {
  readonly dst: string;
  readonly lladdr?: string;
  readonly state?: readonly string[];
}

export async function neighbour(ns: string, ifname: string, address: string) {
  const text = await ip(['-j', '-n', ns, 'neigh', 'show', address, 'dev', ifname]);
  const entries = JSON.parse(text === '' ? '[]' : text) as Neighbour[];
  return entries.find((e) => e.dst === address);
}

export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface Capture {
  /** The frames written so far (tcpdump writes each one as it comes, -U). */
  records(): Promise<readonly PcapRecord[]>;
  stop(): Promise<void>;
}

function listening(tcpdump: ResultPromise, ns: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let said = '';
    tcpdump.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('listening on')) resolve();
    });
    tcpdump.once('exit', () => reject(new Error(`tcpdump in ${ns} ended: ${said}`)));
  });
}

/** Starts tcpdump on an interface and returns once it is capturing. */
export async function startCapture(
  end: Pick<End, 'ns' | 'ifname'>,
  file: string,
  filter: readonly string[],
): Promise<Capture> {
  // -Z root: tcpdump would otherwise drop to its own user, who cannot write to our temp dir.
  const args = ['-i', end.ifname, '-w', file, '-U', '-n', '-Z', 'root', ...filter];
  const tcpdump = execa('ip', ['netns', 'exec', end.ns, 'tcpdump', ...args], {
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
  await listening(tcpdump, end.ns);
  return {
    records: async () => readPcap(await readFile(file).catch(() => Buffer.alloc(0))).records,
    stop: async () => {
      tcpdump.kill('SIGINT');
      await tcpdump;
    },
  };
}
