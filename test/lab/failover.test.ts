// pulse, lvsd and the nannies on two directors against a real IPVS in the kernel lab: one boot
// runs test/lab/scripts/failover.sh (keepalive 2 s, deadtime 6 s); each test asserts on one of
// its checks. The outages the client saw are printed, not asserted: under TCG they are made of
// process start-up times (lvsd and its nanny start on the router that takes over).
import { labSession } from './session.js';

const lab = labSession({ scriptPath: 'test/lab/scripts/failover.sh' }, { timeoutMs: 900_000 });

interface LoadSummary {
  readonly total: number;
  readonly failed: number;
  readonly byServer: Readonly<Record<string, number>>;
  readonly maxGapMs: number;
  readonly maxFailRun: number;
}
interface Status {
  readonly role: string;
  readonly state: string;
  readonly vips: readonly string[];
}

const json = <T>(check: string) => JSON.parse(lab.ok(check).trim()) as T;
const everyServerAnswers = (check: string) =>
  expect(json<LoadSummary>(check)).toMatchObject({
    total: 30,
    failed: 0,
    byServer: { rs1: 10, rs2: 10, rs3: 10 },
  });
/** The state changes a router logged, without their time stamps. */
const changes = (check: string) =>
  lab
    .ok(check)
    .split('\n')
    .map((line) => line.replace(/^\d+ pulse: /, ''))
    .filter((line) => /activating lvs|deactivating LVS/.test(line));

afterAll(() => {
  const lines = ['failover', 'failback'].map((phase) => {
    const load = json<LoadSummary>(`${phase}-load`);
    return (
      `${phase}: ${load.total} requests, ${load.failed} failed, longest run of failures ` +
      `${load.maxFailRun}, longest time without an answer ${load.maxGapMs} ms`
    );
  });
  const logged = [1, 2].map(
    (n) => `director${n} (ms since the epoch):\n${lab.ok(`transitions-${n}`)}`,
  );
  console.log(['client through the VIP (a request every 10 ms)', ...lines, ...logged].join('\n'));
});

test('the guest script ran to the end', () => {
  expect(lab.result.exitCode).toBe(0);
  lab.ok('topology');
});

test('the primary becomes active: VIP and NAT address up, every real server in its table', () => {
  lab.ok('master-active');
  expect(json<Status>('master-status')).toMatchObject({
    role: 'master',
    state: 'active',
    vips: ['192.0.2.10', '198.51.100.1'],
  });
  expect(json<Status>('backup-status')).toMatchObject({
    role: 'backup',
    state: 'inactive',
    vips: [],
  });
});

test('through the primary every real server answers', () => {
  everyServerAnswers('served-by-master');
});

test("the primary's pulse SIGKILLed: the backup takes over, its IPVS holds the table", () => {
  lab.ok('backup-active');
  const table = lab.ok('backup-table');
  expect(table).toContain('TCP  192.0.2.10:80 rr');
  for (const rs of ['11', '12', '13']) expect(table).toContain(`198.51.100.${rs}:80`);
  expect(lab.ok('log-2')).toContain('pulse: partner dead: activating lvs');
});

test('the client loop sees the service resume through the backup', () => {
  const load = json<LoadSummary>('failover-load');
  expect(load.maxGapMs).toBeGreaterThan(0);
  expect(Object.keys(load.byServer).sort()).toEqual(['rs1', 'rs2', 'rs3']);
  everyServerAnswers('served-by-backup');
});

test('the primary returns with --forceactive and takes the VIP back', () => {
  lab.ok('failback-master-active');
  expect(lab.ok('log-2')).toContain('pulse: partner active: deactivating LVS');
});

// Known problem, measured in every run so far (keepalive 1/deadtime 3 and 2/6): after stepping
// down, the backup declares the returning primary dead once more ("partner dead: activating
// lvs") and takes the VIP again, then steps down again. test.failing keeps it visible: this
// test starts failing (and must become a plain test) once fail-back settles at once.
test.failing('fail-back settles: the backup stays inactive, no router flaps', () => {
  lab.ok('failback-backup-inactive');
  everyServerAnswers('served-after-failback');
  expect(changes('transitions-1')).toEqual([
    'Forced active on startup: activating lvs',
    'Forced active on startup: activating lvs',
  ]);
  expect(changes('transitions-2')).toEqual([
    'partner dead: activating lvs',
    'partner active: deactivating LVS',
  ]);
});
