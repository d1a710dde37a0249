// pulse's address changes over rtnetlink against a real kernel: a program in a namespace adds
// and removes a labelled alias the way pulse does, and `ip` reads the result. Runs as root.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../support/run-bin.js';
import {
  createVethLink,
  deleteNamespaces,
  inNamespace,
  runId,
  type VethLink,
} from '../support/netns.js';

const id = runId();
const link: VethLink = {
  a: { ns: `pts-nl-${id}-a`, ifname: `nl${id}a`, address: '198.51.100.1' },
  b: { ns: `pts-nl-${id}-b`, ifname: `nl${id}b`, address: '198.51.100.2' },
  prefixLength: 24,
};
const { ns, ifname } = link.a;
const SLOW = 30_000;

/** Each argument one step, `add ADDRESS/PREFIX LABEL` or `del ADDRESS/PREFIX`; a line each. */
const SCRIPT = `
import { addressDownChange, addressUpChange } from '${REPO}packages/net/dist/index.js';
import { changeAddress, readInterfaceAddresses } from '${REPO}packages/net/dist/io/index.js';
const [device, ...steps] = process.argv.slice(2);
const facts = readInterfaceAddresses(device);
if (!facts.ok) throw new Error(facts.error.message);
for (const step of steps) {
  const [kind, cidr, label] = step.split(' ');
  const [address, prefix] = cidr.split('/');
  const floating = { address, prefixLength: Number(prefix), device: label ?? device };
  const change = kind === 'add' ? addressUpChange(floating, facts.index) : addressDownChange(floating, facts.index);
  const done = changeAddress(change);
  console.log(done.ok ? 'ok' : done.errno + ' ' + done.message);
}
`;

let dir: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netlink-netns-'));
  script = join(dir, 'change.mjs');
  await writeFile(script, SCRIPT);
  await createVethLink(link);
}, SLOW);

afterAll(async () => {
  await deleteNamespaces([link.a.ns, link.b.ns]);
  await rm(dir, { recursive: true, force: true });
});

async function run(...steps: string[]): Promise<string[]> {
  const done = await inNamespace(ns, process.execPath, [script, ifname, ...steps]);
  if (done.exitCode !== 0) throw new Error(done.stderr);
  return done.stdout.split('\n');
}

async function inetOf(): Promise<Record<string, unknown>[]> {
  const listed = await inNamespace(ns, 'ip', ['-j', '-4', 'addr', 'show', 'dev', ifname]);
  const [entry] = JSON.parse(listed.stdout) as { addr_info: Record<string, unknown>[] }[];
  return entry?.addr_info ?? [];
}

test(
  'an alias added as ip addr add ... brd + label eth0:1 would add it; again: EEXIST; ' +
    'removed; again: EADDRNOTAVAIL',
  async () => {
    const label = `${ifname}:1`;
    expect(await run(`add 198.51.100.80/24 ${label}`, `add 198.51.100.80/24 ${label}`)).toEqual([
      'ok',
      '17 add: File exists',
    ]);
    expect(await inetOf()).toContainEqual(
      expect.objectContaining({
        local: '198.51.100.80',
        prefixlen: 24,
        broadcast: '198.51.100.255',
        label,
      }),
    );
    expect(await run('del 198.51.100.80/24', 'del 198.51.100.80/24')).toEqual([
      'ok',
      '99 delete: Cannot assign requested address',
    ]);
    const left = (await inetOf()).map((a) => a['local']);
    expect(left).toEqual(['198.51.100.1']);
  },
  SLOW,
);

test(
  'a host address (/32) gets no broadcast address, as with brd +',
  async () => {
    expect(await run(`add 192.0.2.80/32 ${ifname}:2`)).toEqual(['ok']);
    const vip = (await inetOf()).find((a) => a['local'] === '192.0.2.80');
    expect(vip).toMatchObject({ prefixlen: 32, label: `${ifname}:2` });
    expect(vip).not.toHaveProperty('broadcast');
    expect(await run('del 192.0.2.80/32')).toEqual(['ok']);
  },
  SLOW,
);
