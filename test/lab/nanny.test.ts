// lvsd and its nannies against a real IPVS in the kernel lab: one boot runs
// test/lab/scripts/nanny.sh; each test asserts on one of its checks.
import { labSession } from './session.js';

const lab = labSession({ scriptPath: 'test/lab/scripts/nanny.sh' }, { timeoutMs: 600_000 });

interface LoadSummary {
  readonly total: number;
  readonly failed: number;
  readonly byServer: Readonly<Record<string, number>>;
}

const summary = (check: string) => JSON.parse(lab.ok(check).trim()) as LoadSummary;
/** wait_members prints how long the table took to reach what was wanted. */
const waited = (check: string) => Number(lab.ok(check).trim());

// Checks every 2 s (timeout = 2), re-admission after 4 s (reentry = 4); the lab's emulated CPU
// adds process start-up and an ipvsadm run to each transition.
const INTERVAL_MS = 2_000;
const SLACK_MS = 8_000;

test('the guest script ran to the end', () => {
  expect(lab.result.exitCode).toBe(0);
  lab.ok('topology');
});

test('every real server enters the table once its monitor says it is up', () => {
  lab.ok('all-up');
});

test('ps shows which servers the nanny process watches', () => {
  const args = lab.ok('nanny-command-line');
  expect(args).toContain('--lvsd-socket');
  for (const rs of ['11', '12', '13'])
    expect(args).toContain(`tcp:192.0.2.10:80/198.51.100.${rs}:80`);
});

test('a stopped real server leaves the table within interval + timeout (plus slack)', () => {
  expect(waited('rs2-removed')).toBeLessThanOrEqual(2 * INTERVAL_MS + SLACK_MS);
});

test('once it is out, client requests stop failing', () => {
  // The background client loop shares the round robin, so the split need not be even.
  const load = summary('traffic-without-rs2');
  expect(load).toMatchObject({ total: 30, failed: 0 });
  expect(Object.keys(load.byServer).sort()).toEqual(['rs1', 'rs3']);
});

test('started again it comes back, not before reentry', () => {
  expect(waited('rs2-back')).toBeGreaterThanOrEqual(INTERVAL_MS);
});

test('a killed nanny process is restarted and lvsd carries on', () => {
  lab.ok('nanny-restarted');
  lab.ok('lvsd-alive');
  lab.ok('table-after-restart');
  expect(lab.ok('lvsd-log')).toContain('nanny for child web/rs1 died! restarting it');
});

test('the restarted nanny watches the servers: a failure is still seen', () => {
  lab.ok('new-nanny-watches');
  lab.ok('rs1-back');
});

test('SIGTERM stops the nannies with lvsd and empties the table', () => {
  lab.ok('stop');
  lab.ok('nannies-stopped');
});

test('quiesce keeps a failed server at weight 0 and clients do not fail', () => {
  lab.ok('rs3-quiesced');
  const load = summary('traffic-quiesced');
  expect(load).toMatchObject({ total: 30, failed: 0 });
  expect(load.byServer['rs3']).toBeUndefined();
  lab.ok('rs3-back');
  lab.ok('quiesce-stop');
});

test('with hard_shutdown = 1 a dead nanny shuts lvsd down and its services go', () => {
  lab.ok('hard-shutdown');
  lab.ok('hard-shutdown-table');
  expect(lab.ok('lvsd-log')).toContain('nanny for child web/rs2 died! shutting down lvs');
});

test('standalone nanny (-I ipvsadm) adds, removes and re-adds its server, and cleans up', () => {
  lab.ok('standalone-adds');
  lab.ok('standalone-removes');
  lab.ok('standalone-readds');
  lab.ok('standalone-stops');
  lab.ok('standalone-cleans-up');
  const log = lab.ok('standalone-log');
  expect(log).toContain('making 198.51.100.11:80 available');
  expect(log).toContain('shutting down 198.51.100.11:80 due to connection failure');
});
