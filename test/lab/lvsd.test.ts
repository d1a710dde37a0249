// lvsd against a real IPVS in the kernel lab: one boot runs test/lab/scripts/lvsd.sh; each
// test asserts on one of its checks.
import { labSession } from './session.js';

const lab = labSession({ scriptPath: 'test/lab/scripts/lvsd.sh' }, { timeoutMs: 900_000 });

interface LoadSummary {
  readonly total: number;
  readonly failed: number;
  readonly failures: readonly string[];
  readonly byServer: Readonly<Record<string, number>>;
}

const summary = (check: string) => JSON.parse(lab.ok(check).trim()) as LoadSummary;

test('the guest script ran to the end', () => {
  expect(lab.result.exitCode).toBe(0);
  lab.ok('modprobe');
  lab.ok('topology');
});

describe.each(['nat', 'direct', 'tunnel', 'fwmark', 'udp', 'quiesce'])('%s.cf', (name) => {
  test('the kernel table equals lvsd --print-table', () => {
    expect(lab.ok(`table-${name}`)).toMatch(/^-A /);
  });

  test('SIGTERM removes the services lvsd added and the pid file', () => {
    lab.ok(`stop-${name}`);
  });
});

test('the kernel holds what the direct-routing file asks: service port for every server', () => {
  expect(lab.ok('table-direct')).toContain('-a -t 192.0.2.10:80 -r 198.51.100.13:80 -g -w 1');
});

test('fwmark bundle with persistence and pmask, and the FTP mark', () => {
  const table = lab.ok('table-fwmark');
  expect(table).toContain('-A -f 80 -s sh -p 600 -M 255.255.255.0');
  expect(table).toContain('-A -f 21 -s wlc -p 300');
});

test('NAT traffic through the VIP reaches every real server evenly (rr)', () => {
  const load = summary('nat-traffic');
  expect(load).toMatchObject({ total: 30, failed: 0, byServer: { rs1: 10, rs2: 10, rs3: 10 } });
});

test('wrr 3:1 splits 400 requests within 10% of 3:1', () => {
  const load = summary('wrr-traffic');
  expect(load.failed).toBe(0);
  const rs1 = load.byServer['rs1'] ?? 0;
  const rs2 = load.byServer['rs2'] ?? 0;
  expect(rs1 + rs2).toBe(400);
  expect(rs1 / rs2).toBeGreaterThan(3 * 0.9);
  expect(rs1 / rs2).toBeLessThan(3 * 1.1);
});

test('three reloads (weight, added server, added service) each reach the new table', () => {
  expect(lab.ok('reload-b')).toContain('-r 198.51.100.12:80 -m -w 3');
  expect(lab.ok('reload-c')).toContain('-r 198.51.100.13:80 -m -w 1');
  expect(lab.ok('reload-d')).toContain('-A -t 192.0.2.10:8080 -s rr');
});

test('the client loop running through the reloads lost no request', () => {
  const load = summary('reload-load');
  expect(load.total).toBeGreaterThan(20);
  expect(load).toMatchObject({ failed: 0 });
});

test('an unchanged reload only reads the table', () => {
  const calls = lab
    .ok('reload-unchanged')
    .split('\n')
    .filter((line) => line !== '');
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((call) => call === '-Sn')).toBe(true);
});

test('drift made by hand is repaired by the reconcile timer', () => {
  const table = lab.ok('drift-repaired');
  expect(table).toContain('-r 198.51.100.12:80');
  expect(table).not.toContain('192.0.2.19');
});

test('a broken reload is rejected with its errors and the table stays', () => {
  lab.ok('broken-reload-table');
  expect(lab.ok('lvsd-log')).toContain('weight: expected a non-negative integer, got "heavy"');
  expect(lab.ok('lvsd-log')).toContain('configuration not reloaded');
  lab.ok('reload-stop');
});
