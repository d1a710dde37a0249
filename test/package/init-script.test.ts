// The installed /etc/rc.d/init.d/pulse, run for real against the installed pulse at the real
// paths (a mount namespace over a `make install DESTDIR=...` tree, see installed-root.ts) on a
// Debian host, that is with the stand-in for Red Hat's function library. pulse runs in its test
// mode (-t: heartbeats, no lvsd), since the host kernel has no IPVS; a second start runs a
// witness program as lvsd to see reload's SIGHUP arrive. Runs as root (make package).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runId, until } from '../support/netns.js';
import { InstalledMachine, type Run } from '../support/installed-root.js';
import { REPO } from '../support/run-bin.js';

const SLOW = 60_000;
const INIT = '/etc/rc.d/init.d/pulse';
const PIDFILE = '/var/run/pulse.pid';
const LOCKFILE = '/var/lock/subsys/pulse';

// This router owns the primary address; no backup, so pulse goes active by itself.
const LVS_CF = `serial_no = 1
primary = 192.0.2.1
service = lvs
backup_active = 0
heartbeat = 1
heartbeat_port = 539
keepalive = 1
deadtime = 3
network = direct

virtual www {
    active = 1
    address = 192.0.2.80 eth0:1
    vip_nmask = 255.255.255.0
    port = 80
    scheduler = wlc
    protocol = tcp
    server web1 {
        address = 192.0.2.11
        active = 1
        weight = 1
    }
}
`;

// Stands in for lvsd (which needs IPVS): records its arguments and each SIGHUP.
const WITNESS = `#!/bin/bash
log=/run/witness-lvsd.log
echo "started $*" >>"$log"
trap 'echo HUP >>"$log"' HUP
trap 'echo TERM >>"$log"; exit 0' TERM
while :; do sleep 0.2 & wait $!; done
`;

let machine: InstalledMachine;

beforeAll(async () => {
  machine = await InstalledMachine.create(`pts-init-${runId()}`);
  const ns = machine.netns;
  // eth0 of the router: one end of a veth pair whose other end stays in the namespace.
  await machine.run(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'wire0']);
  await machine.run(['ip', 'addr', 'add', '192.0.2.1/24', 'brd', '+', 'dev', 'eth0']);
  await machine.run(['ip', 'link', 'set', 'eth0', 'up']);
  await machine.run(['ip', 'link', 'set', 'wire0', 'up']);
  await machine.writeFile('/etc/sysconfig/ha/lvs.cf', LVS_CF);
  await machine.writeFile('/usr/sbin/witness-lvsd', WITNESS);
  await machine.run(['chmod', '0755', '/usr/sbin/witness-lvsd']);
  expect(ns).toMatch(/^pts-init-/);
}, SLOW);

afterAll(async () => {
  await machine?.run([INIT, 'stop']);
  await machine?.destroy();
}, SLOW);

function initScript(action: string): Promise<Run> {
  return machine.run([INIT, action]);
}

async function options(text: string): Promise<void> {
  await machine.writeFile('/etc/sysconfig/pulse', `OPTIONS="${text}"\n`);
}

async function exists(path: string): Promise<boolean> {
  return (await machine.run(['test', '-e', path])).exitCode === 0;
}

async function pidFromFile(): Promise<number | undefined> {
  const read = await machine.run(['cat', PIDFILE]);
  const pid = Number(read.stdout.trim());
  return read.exitCode === 0 && pid > 0 ? pid : undefined;
}

async function alive(pid: number): Promise<boolean> {
  return (await machine.run(['kill', '-0', String(pid)])).exitCode === 0;
}

async function commandLine(pid: number): Promise<string> {
  return (await machine.run(['cat', `/proc/${pid}/cmdline`])).stdout.split('\0').join(' ');
}

async function witnessLog(): Promise<string> {
  return (await machine.run(['cat', '/run/witness-lvsd.log'])).stdout;
}

describe('usage and a stopped pulse', () => {
  test('an unknown action prints the usage line and exits 1', async () => {
    const run = await initScript('frobnicate');
    expect(run).toMatchObject({
      exitCode: 1,
      stdout: 'Usage: pulse {start|stop|status|restart|reload|condrestart}',
    });
  });

  test('status: "pulse is stopped", exit 3', async () => {
    expect(await initScript('status')).toMatchObject({ exitCode: 3, stdout: 'pulse is stopped' });
  });

  test('reload of a stopped pulse fails with exit 7 (not running)', async () => {
    const run = await initScript('reload');
    expect(run).toMatchObject({ exitCode: 7, stdout: 'Reloading pulse: [FAILED]' });
  });

  test('condrestart of a stopped pulse starts nothing', async () => {
    expect(await initScript('condrestart')).toMatchObject({ exitCode: 0, stdout: '' });
    expect(await exists(PIDFILE)).toBe(false);
  });
});

describe('pulse in test mode (-t)', () => {
  let pid: number | undefined;

  beforeAll(async () => {
    await options('-t');
  });

  test(
    'start: "Starting pulse: [  OK  ]", lock file, pid file of a running pulse',
    async () => {
      const run = await initScript('start');
      expect(run).toMatchObject({ exitCode: 0, stdout: 'Starting pulse: [  OK  ]' });
      expect(await exists(LOCKFILE)).toBe(true);
      pid = await until(pidFromFile, (p) => p !== undefined, 15_000);
      expect(pid).toBeDefined();
      expect(await alive(pid ?? 0)).toBe(true);
      expect(await commandLine(pid ?? 0)).toContain('/usr/sbin/pulse');
    },
    SLOW,
  );

  test('status right after start: "pulse (pid N) is running...", exit 0', async () => {
    await initScript('stop');
    expect(await initScript('start')).toMatchObject({ exitCode: 0 });
    pid = await pidFromFile();
    const run = await initScript('status');
    expect(run).toMatchObject({ exitCode: 0, stdout: `pulse (pid ${pid}) is running...` });
  });

  test('start again leaves the running pulse alone', async () => {
    expect(await initScript('start')).toMatchObject({ exitCode: 0 });
    expect(await pidFromFile()).toBe(pid);
  });

  test('reload sends SIGHUP: OK, and pulse keeps running', async () => {
    const run = await initScript('reload');
    expect(run).toMatchObject({ exitCode: 0, stdout: 'Reloading pulse: [  OK  ]' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await alive(pid ?? 0)).toBe(true);
    expect(await initScript('status')).toMatchObject({ exitCode: 0 });
  });

  test(
    'stop: "Shutting down pulse: [  OK  ]", pulse gone, pid and lock files removed',
    async () => {
      const run = await initScript('stop');
      expect(run).toMatchObject({ exitCode: 0, stdout: 'Shutting down pulse: [  OK  ]' });
      expect(await alive(pid ?? 0)).toBe(false);
      expect(await exists(PIDFILE)).toBe(false);
      expect(await exists(LOCKFILE)).toBe(false);
      expect(await initScript('status')).toMatchObject({ exitCode: 3, stdout: 'pulse is stopped' });
    },
    SLOW,
  );

  test('a lock file without pulse: "pulse dead but subsys locked", exit 2', async () => {
    await machine.run(['mkdir', '-p', '/var/lock/subsys']);
    await machine.run(['touch', LOCKFILE]);
    const run = await initScript('status');
    expect(run).toMatchObject({ exitCode: 2, stdout: 'pulse dead but subsys locked' });
    await machine.run(['rm', '-f', LOCKFILE]);
  });

  test('a stale pid file: "pulse dead but pid file exists", exit 1', async () => {
    await machine.writeFile(PIDFILE, '999999\n');
    const run = await initScript('status');
    expect(run).toMatchObject({ exitCode: 1, stdout: 'pulse dead but pid file exists' });
    await machine.run(['rm', '-f', PIDFILE]);
  });
});

describe('reload reaches lvsd', () => {
  test(
    'pulse active with lvsd: reload passes SIGHUP on, restart and stop end it',
    async () => {
      await options('--lvsd /usr/sbin/witness-lvsd');
      expect(await initScript('start')).toMatchObject({ exitCode: 0 });
      const started = await until(witnessLog, (log) => log.includes('started'), 20_000);
      expect(started).toMatch(/^started .*-c \/etc\/sysconfig\/ha\/lvs\.cf/m);
      const pid = await until(pidFromFile, (p) => p !== undefined, 15_000);

      expect(await initScript('reload')).toMatchObject({ exitCode: 0 });
      expect(await until(witnessLog, (log) => log.includes('HUP'), 10_000)).toContain('HUP');

      // condrestart restarts a running pulse: a new process, lvsd started again.
      expect(await initScript('condrestart')).toMatchObject({ exitCode: 0 });
      const restarted = await until(pidFromFile, (p) => p !== undefined && p !== pid, 15_000);
      expect(restarted).not.toBe(pid);
      expect(await alive(pid ?? 0)).toBe(false);

      expect(await initScript('stop')).toMatchObject({ exitCode: 0 });
      expect(await until(witnessLog, (log) => log.includes('TERM'), 10_000)).toContain('TERM');
    },
    2 * SLOW,
  );
});

describe('pre-checks (silent, Piranha 0.8 exit codes)', () => {
  test('networking disabled in /etc/sysconfig/network: exit 1', async () => {
    await machine.writeFile('/etc/sysconfig/network', 'NETWORKING=no\n');
    expect(await initScript('status')).toMatchObject({ exitCode: 1, stdout: '', stderr: '' });
    await machine.run(['rm', '-f', '/etc/sysconfig/network']);
  });

  test('no lvs.cf: exit 6', async () => {
    await machine.run(['mv', '/etc/sysconfig/ha/lvs.cf', '/etc/sysconfig/ha/lvs.cf.away']);
    expect(await initScript('start')).toMatchObject({ exitCode: 6, stdout: '', stderr: '' });
    await machine.run(['mv', '/etc/sysconfig/ha/lvs.cf.away', '/etc/sysconfig/ha/lvs.cf']);
  });

  test('no pulse: exit 5', async () => {
    await machine.run(['mv', '/usr/sbin/pulse', '/usr/sbin/pulse.away']);
    expect(await initScript('start')).toMatchObject({ exitCode: 5, stdout: '', stderr: '' });
    await machine.run(['mv', '/usr/sbin/pulse.away', '/usr/sbin/pulse']);
  });
});

test('the installed tree is the one the machine sees', async () => {
  const script = await readFile(join(machine.root, 'etc/rc.d/init.d/pulse'), 'utf8');
  expect((await machine.run(['cat', INIT])).stdout).toBe(script.trimEnd());
  expect(script).toContain('PULSE=/usr/sbin/pulse');
  expect(script).toContain('. /usr/lib/piranha-ts/init-functions');
});

describe('/etc/rc.d/init.d/piranha-gui', () => {
  const GUI_INIT = '/etc/rc.d/init.d/piranha-gui';
  const guiInstalled = existsSync(join(REPO, 'bin', 'piranha-gui'));

  test('without the program: a message and exit 5; with it: usage and status', async () => {
    if (!guiInstalled) {
      expect(await machine.run([GUI_INIT, 'start'])).toMatchObject({
        exitCode: 5,
        stdout: '/usr/sbin/piranha-gui program is missing',
      });
      return;
    }
    expect(await machine.run([GUI_INIT, 'frobnicate'])).toMatchObject({
      exitCode: 1,
      stdout: 'Usage: piranha-gui: {start|stop|restart|status|condrestart}',
    });
    expect(await machine.run([GUI_INIT, 'status'])).toMatchObject({
      exitCode: 3,
      stdout: 'piranha-gui is stopped',
    });
  });
});

test(
  'systemd accepts the installed units',
  async () => {
    for (const unit of ['pulse.service', 'piranha-gui.service']) {
      const path = `/usr/lib/systemd/system/${unit}`;
      const run = await machine.run(['systemd-analyze', 'verify', path]);
      // The GUI's program may not exist yet; nothing else may be wrong.
      const complaints = run.stderr
        .split('\n')
        .filter((l) => l !== '' && !/piranha-gui is not executable/.test(l));
      expect({ unit, complaints }).toEqual({ unit, complaints: [] });
    }
  },
  SLOW,
);
