// The installed init scripts in the kernel lab: one boot runs test/lab/scripts/init-scripts.sh
// (make install into the guest's root, `service pulse ...` in director1 with the real lvsd and
// nannies against a real IPVS); each test asserts on one of its checks.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/run-bin.js';
import { labSession } from './session.js';

const lab = labSession({ scriptPath: 'test/lab/scripts/init-scripts.sh' }, { timeoutMs: 600_000 });

const STARTED = 'Starting pulse: [  OK  ]';
const STOPPED = 'Shutting down pulse: [  OK  ]';

/** The real servers of `ipvsadm -Ln` under the NAT service, as "address weight". */
function servers(check: string): string[] {
  const table = lab.ok(check);
  expect(table).toMatch(/^TCP {2}192\.0\.2\.10:80 rr\s*$/m);
  return [...table.matchAll(/-> (198\.51\.100\.\d+):80 +Masq +(\d+)/g)].map(
    ([, address, weight]) => `${address ?? ''} ${weight ?? ''}`,
  );
}

/** Lines of the guest's syslog that match `pattern`. */
const logged = (pattern: RegExp) =>
  lab
    .ok('syslog')
    .split('\n')
    .filter((line) => pattern.test(line));

// The phases' start times (the script's `@@ EPOCH PHASE` lines) and the waits, for people.
afterAll(() => {
  const marks = [...lab.result.output.matchAll(/^@@ (\d+) (\S+)$/gm)];
  const phases = marks.map(
    ([, at, phase]) => `${phase} at ${Number(at) - Number(marks[0]?.[1])} s`,
  );
  const waits = ['active', 'reloaded', 'condrestart-lvsd', 'restart-active'];
  const figures = waits.map((c) => `${c}: ${lab.check(c).output.split('\n').pop() ?? ''} ms`);
  const whole = `whole run ${Math.round(lab.result.totalMs / 1000)} s`;
  console.log([whole, phases.join(', '), ...figures].join('\n'));
});

test('the guest script ran to the end and the tree is installed at the real paths', () => {
  expect(lab.result.exitCode).toBe(0);
  lab.ok('modprobe');
  lab.ok('topology');
  expect(lab.ok('install')).toContain('/usr/sbin/pulse');
});

describe('a stopped pulse', () => {
  test('an unknown action prints the usage line and exits 1', () => {
    expect(lab.check('usage')).toMatchObject({
      exitCode: 1,
      output: 'Usage: pulse {start|stop|status|restart|reload|condrestart}',
    });
  });

  test('status: "pulse is stopped", exit 3; reload: FAILED, exit 7', () => {
    expect(lab.check('status-stopped')).toMatchObject({ exitCode: 3, output: 'pulse is stopped' });
    expect(lab.check('reload-stopped')).toMatchObject({
      exitCode: 7,
      output: 'Reloading pulse: [FAILED]',
    });
  });

  test('condrestart starts nothing', () => {
    expect(lab.ok('condrestart-stopped')).toBe('');
    expect(lab.ok('condrestart-stopped-left').split('\n')).toEqual([
      'table: ',
      'floating: ',
      'processes: ',
      'files: ',
    ]);
  });
});

describe('service pulse start', () => {
  test('OK, a running pulse right away, the lock file', () => {
    expect(lab.ok('start')).toBe(STARTED);
    expect(lab.ok('status-started')).toMatch(/^pulse \(pid \d+\) is running\.\.\.$/);
    lab.ok('lock-started');
  });

  test('pulse goes active and lvsd builds the kernel table from lvs.cf', () => {
    lab.ok('active');
    expect(servers('table-started')).toEqual([
      '198.51.100.11 1',
      '198.51.100.12 1',
      '198.51.100.13 1',
    ]);
  });

  test('every real server answers through the VIP', () => {
    expect(lab.ok('traffic-started')).toBe('rs1 rs2 rs3');
  });
});

describe('service pulse reload', () => {
  test('OK, and the new weight of rs2 reaches the kernel table', () => {
    expect(lab.ok('reload')).toBe('Reloading pulse: [  OK  ]');
    lab.ok('reloaded');
    expect(servers('table-reloaded')).toEqual([
      '198.51.100.11 1',
      '198.51.100.12 2',
      '198.51.100.13 1',
    ]);
  });

  test('pulse and lvsd keep running: lvsd re-read lvs.cf', () => {
    lab.ok('reload-same-processes');
    expect(logged(/lvsd\[\d+\]: rereading configuration file/)).toHaveLength(1);
  });
});

describe('service pulse condrestart and restart', () => {
  test('condrestart stops the running pulse; a new one brings up a new lvsd and its table', () => {
    expect(lab.ok('condrestart')).toBe(`${STOPPED}\n${STARTED}`);
    lab.ok('condrestart-new-pulse');
    lab.ok('condrestart-lvsd');
  });

  test('restart while that stack still starts: a new one serves, and it alone runs', () => {
    expect(lab.ok('restart')).toBe(`${STOPPED}\n${STARTED}`);
    lab.ok('restart-new-pulse');
    lab.ok('restart-active');
    const programs = lab.ok('restart-programs').split('\n');
    expect(programs.filter((p) => !p.endsWith('/send_arp'))).toEqual([
      '/usr/sbin/lvsd',
      '/usr/sbin/nanny',
      '/usr/sbin/pulse',
    ]);
  });
});

describe('service pulse stop', () => {
  test('OK, and by then no table, floating address, process, pid or lock file is left', () => {
    expect(lab.ok('stop')).toBe(STOPPED);
    expect(lab.ok('stopped-left').split('\n')).toEqual([
      'table: ',
      'floating: ',
      'processes: ',
      'files: ',
    ]);
    expect(lab.check('status-after-stop')).toMatchObject({
      exitCode: 3,
      output: 'pulse is stopped',
    });
  });

  test('the VIP answers no more', () => {
    expect(lab.check('traffic-stopped').exitCode).not.toBe(0);
  });
});

test('three pulses went active (--forceactive from /etc/sysconfig/pulse), each with its lvsd', () => {
  expect(logged(/pulse\[\d+\]: Forced active on startup: activating lvs/)).toHaveLength(3);
  expect(logged(/lvsd\[\d+\]: starting virtual service web/)).toHaveLength(3);
  expect(logged(/pulse\[\d+\]: Terminating due to signal 15/)).toHaveLength(3);
  expect(logged(/lvsd\[\d+\]: shutting down virtual service web/)).toHaveLength(3);
});

test('/etc/rc.d/init.d/piranha-gui through service(8)', () => {
  if (!existsSync(join(REPO, 'bin', 'piranha-gui'))) {
    expect(lab.check('gui-start')).toMatchObject({
      exitCode: 5,
      output: '/usr/sbin/piranha-gui program is missing',
    });
    return;
  }
  expect(lab.ok('gui-start')).toBe('Starting piranha-gui: [  OK  ]');
  expect(lab.ok('gui-status')).toMatch(/^piranha-gui \(pid \d+\) is running\.\.\.$/);
  expect(lab.ok('gui-stop')).toBe('Shutting down piranha-gui: [  OK  ]');
});
