// The kernel lab's own test: a real IPVS (Debian's kernel under QEMU) programmed by hand with
// ipvsadm as LVS-NAT, with requests from the client namespace balanced over three real
// servers. One boot runs test/lab/scripts/nat-rr.sh; each test asserts on one of its checks.
import { labSession } from './session.js';

const lab = labSession({ scriptPath: 'test/lab/scripts/nat-rr.sh' });
const vip = '192.0.2.10:80';
const realServers = ['198.51.100.11:80', '198.51.100.12:80', '198.51.100.13:80'];

function count<T>(items: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

test('the guest script ran to the end', () => {
  expect(lab.result.exitCode).toBe(0);
});

test('ip_vs loads in the guest kernel', () => {
  lab.ok('modprobe');
});

test('the topology comes up with three real servers and director1 active', () => {
  lab.ok('topology');
  lab.ok('ip-forward');
});

test('without a virtual service the VIP answers nothing', () => {
  expect(lab.check('before-service').exitCode).not.toBe(0);
});

test('ipvsadm adds the NAT service and its three real servers', () => {
  lab.ok('add-service');
  for (const k of [1, 2, 3]) lab.ok(`add-rs${k}`);
});

test('ipvsadm -Sn shows the service with every real server masqueraded', () => {
  const saved = lab.ok('save').split('\n');
  expect(saved).toContain(`-A -t ${vip} -s rr`);
  for (const rs of realServers) expect(saved).toContain(`-a -t ${vip} -r ${rs} -m -w 1`);
  expect(saved).toHaveLength(1 + realServers.length);
});

test('round robin spreads six requests evenly: every real server answers twice', () => {
  const answers = lab.ok('requests').split('\n');
  expect(answers).toHaveLength(6);
  expect(Object.fromEntries(count(answers))).toEqual({ rs1: 2, rs2: 2, rs3: 2 });
});

test('the IPVS connection table holds the requests, masqueraded to each real server', () => {
  // ipvsadm -Lnc: "TCP 01:59 TIME_WAIT 192.0.2.100:40000 192.0.2.10:80 198.51.100.11:80"
  const rows = lab
    .ok('connections')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[0] === 'TCP' && cols[4] === vip);
  expect(rows.map((cols) => cols[3]?.split(':')[0])).toEqual(Array(6).fill('192.0.2.100'));
  const byServer = count(rows.map((cols) => cols[5]));
  expect(realServers.map((rs) => byServer.get(rs))).toEqual([2, 2, 2]);
});

test('the client reaches the real servers only through the VIP', () => {
  expect(lab.check('direct-to-rs').exitCode).not.toBe(0);
});

test("the service lives in director1's namespace only", () => {
  expect(lab.ok('director2-empty')).toBe('');
});
