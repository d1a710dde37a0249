// send_arp on a real wire: two namespaces joined by a veth pair, tcpdump on the receiving end,
// and the receiver's neighbour table. Runs as root (make netns).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROADCAST_MAC, decodeArpFrame, formatMacBare, parseMac } from '@piranha-ts/net';
import type { MacAddress } from '@piranha-ts/net';
import { REPO } from '../support/run-bin.js';
import {
  createVethLink,
  deleteNamespaces,
  inNamespace,
  ip,
  linkMac,
  neighbour,
  runId,
  startCapture,
  sysctl,
  until,
  type VethLink,
} from '../support/netns.js';

const id = runId();
const link: VethLink = {
  a: { ns: `pts-arp-${id}-s`, ifname: `arp${id}s`, address: '198.51.100.1' },
  b: { ns: `pts-arp-${id}-r`, ifname: `arp${id}r`, address: '198.51.100.2' },
  prefixLength: 24,
};
const sender = link.a;
const receiver = link.b;
const BROADCAST = '198.51.100.255';
const OTHER_MAC = '02:00:00:00:00:99';
/** Per test: a few node and tcpdump starts, generous for a busy 2-core machine. */
const SLOW = 30_000;

let dir: string;
let senderMac: MacAddress;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'send-arp-netns-'));
  await createVethLink(link);
  const parsed = parseMac(await linkMac(sender.ns, sender.ifname));
  if (!parsed.ok) throw new Error('the sender interface has no MAC');
  senderMac = parsed.mac;
}, SLOW);

afterAll(async () => {
  await deleteNamespaces([sender.ns, receiver.ns]);
  await rm(dir, { recursive: true, force: true });
});

/** bin/send_arp inside the sender namespace, with pulse's arguments for a VIP. */
function sendArp(vip: string, device = sender.ifname) {
  const args = ['-i', device, vip, formatMacBare(senderMac), BROADCAST, 'ffffffffffff'];
  return inNamespace(sender.ns, process.execPath, [`${REPO}bin/send_arp`, ...args]);
}

interface Sent {
  readonly exitCode?: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Sends while capturing on the receiver, and returns the frames the receiver saw. */
async function sendAndCapture(send: () => Promise<Sent>, file: string) {
  const capture = await startCapture(receiver, join(dir, file), ['arp']);
  try {
    const run = await send();
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    await until(capture.records, (records) => records.length > 0);
    // A moment more, so a second frame would be seen too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return await capture.records();
  } finally {
    await capture.stop();
  }
}

/** Sends one frame of the given body form from the sender namespace through the library. */
function sendForm(form: 'v05' | 'rfc2002', vip: string) {
  const request = {
    form,
    sourceIp: vip,
    sourceMac: senderMac,
    targetIp: BROADCAST,
    targetMac: BROADCAST_MAC,
  };
  const script = [
    `const net = await import(${JSON.stringify(`${REPO}packages/net/dist/index.js`)});`,
    `const io = await import(${JSON.stringify(`${REPO}packages/net/dist/io/index.js`)});`,
    `const frame = net.encodeArpFrame(net.sendArpFrame(${JSON.stringify(request)}));`,
    `const sent = io.sendRawFrame(${JSON.stringify(sender.ifname)}, frame);`,
    'process.exitCode = sent.ok ? 0 : 1;',
  ].join('\n');
  return inNamespace(sender.ns, process.execPath, ['--input-type=module', '-e', script]);
}

async function makeStaleEntry(vip: string): Promise<void> {
  const stale = ['lladdr', OTHER_MAC, 'nud', 'stale', 'dev', receiver.ifname];
  await ip(['-n', receiver.ns, 'neigh', 'replace', vip, ...stale]);
  expect(await neighbour(receiver.ns, receiver.ifname, vip)).toMatchObject({
    lladdr: OTHER_MAC,
    state: ['STALE'],
  });
}

async function setArpAccept(value: string): Promise<void> {
  await sysctl(receiver.ns, 'net.ipv4.conf.all.arp_accept', value);
  await sysctl(receiver.ns, `net.ipv4.conf.${receiver.ifname}.arp_accept`, value);
}

test(
  'one 60-byte RFC 2002 gratuitous reply reaches the neighbour',
  async () => {
    const vip = '198.51.100.10';
    const records = await sendAndCapture(() => sendArp(vip), 'one-frame.pcap');
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.originalLength).toBe(60);
    expect(record?.data.length).toBe(60);
    const data = record?.data ?? new Uint8Array();
    expect(decodeArpFrame(data)).toEqual({
      ok: true,
      frame: {
        ethernetDestination: BROADCAST_MAC,
        ethernetSource: senderMac,
        operation: 2,
        senderMac,
        senderIp: vip,
        targetMac: senderMac,
        targetIp: vip,
      },
    });
    expect([...data.subarray(42)]).toEqual(new Array<number>(18).fill(0));
  },
  SLOW,
);

test(
  'moves an existing neighbour entry to our MAC, with arp_accept=0',
  async () => {
    const vip = '198.51.100.11';
    await setArpAccept('0');
    await makeStaleEntry(vip);
    expect((await sendArp(vip)).exitCode).toBe(0);
    const moved = await until(
      () => neighbour(receiver.ns, receiver.ifname, vip),
      (entry) => entry?.lladdr === senderMac,
    );
    expect(moved).toMatchObject({ dst: vip, lladdr: senderMac });
  },
  SLOW,
);

test(
  'creates a new neighbour entry only when the receiver has arp_accept=1',
  async () => {
    const vip = '198.51.100.12';
    await setArpAccept('0');
    const seen = await sendAndCapture(() => sendArp(vip), 'no-accept.pcap');
    expect(seen).toHaveLength(1);
    expect(await neighbour(receiver.ns, receiver.ifname, vip)).toBeUndefined();

    await setArpAccept('1');
    expect((await sendArp(vip)).exitCode).toBe(0);
    const learnt = await until(
      () => neighbour(receiver.ns, receiver.ifname, vip),
      (entry) => entry?.lladdr === senderMac,
    );
    expect(learnt).toMatchObject({ dst: vip, lladdr: senderMac });
    await setArpAccept('0');
  },
  SLOW,
);

// Why the RFC 2002 body is the default: Linux takes a reply whose target fields repeat the
// sender's as gratuitous and lets it override an entry at once, while any other reply is
// ignored for `locktime` after the entry last changed (1 s by default; 30 s here).
test(
  'within locktime only the RFC 2002 body moves an entry; the V05 body does not',
  async () => {
    await sysctl(receiver.ns, `net.ipv4.neigh.${receiver.ifname}.locktime`, '3000');
    const [oldVip, newVip] = ['198.51.100.14', '198.51.100.15'];
    await makeStaleEntry(oldVip);
    expect(await sendAndCapture(() => sendForm('v05', oldVip), 'v05.pcap')).toHaveLength(1);
    expect(await neighbour(receiver.ns, receiver.ifname, oldVip)).toMatchObject({
      lladdr: OTHER_MAC,
    });

    await makeStaleEntry(newVip);
    expect(await sendAndCapture(() => sendForm('rfc2002', newVip), 'rfc2002.pcap')).toHaveLength(1);
    expect(await neighbour(receiver.ns, receiver.ifname, newVip)).toMatchObject({
      lladdr: senderMac,
    });
    await sysctl(receiver.ns, `net.ipv4.neigh.${receiver.ifname}.locktime`, '100');
  },
  SLOW,
);

test(
  'what pulse reads from the sender interface: its MAC and broadcast address',
  async () => {
    const script =
      `const { readInterfaceAddresses } = await import(${JSON.stringify(`${REPO}packages/net/dist/io/index.js`)});` +
      `process.stdout.write(JSON.stringify(readInterfaceAddresses(${JSON.stringify(sender.ifname)})));`;
    const run = await inNamespace(sender.ns, process.execPath, [
      '--input-type=module',
      '-e',
      script,
    ]);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      index: expect.any(Number),
      addresses: {
        name: sender.ifname,
        mac: senderMac,
        broadcast: BROADCAST,
        ipv4: [{ address: sender.address, prefixLength: 24, broadcast: BROADCAST }],
      },
    });
  },
  SLOW,
);

describe('sending fails', () => {
  test(
    'on a device that does not exist: perror wording, exit 1',
    async () => {
      const run = await sendArp('198.51.100.13', 'nosuch0');
      expect(run).toMatchObject({ exitCode: 1, stdout: '', stderr: 'sendto: No such device' });
    },
    SLOW,
  );

  test(
    'on a device that is down',
    async () => {
      const down = `arp${id}d`;
      await ip(['-n', sender.ns, 'link', 'add', down, 'type', 'veth', 'peer', 'name', `arp${id}e`]);
      const run = await sendArp('198.51.100.13', down);
      expect(run).toMatchObject({ exitCode: 1, stdout: '', stderr: 'sendto: Network is down' });
    },
    SLOW,
  );

  test(
    'without CAP_NET_RAW',
    async () => {
      const args = ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all'];
      const vip = ['198.51.100.13', formatMacBare(senderMac), BROADCAST, 'ffffffffffff'];
      const run = await inNamespace(sender.ns, 'setpriv', [
        ...args,
        process.execPath,
        `${REPO}bin/send_arp`,
        '-i',
        sender.ifname,
        ...vip,
      ]);
      expect(run).toMatchObject({
        exitCode: 1,
        stdout: '',
        stderr: 'socket: Operation not permitted',
      });
    },
    SLOW,
  );
});
