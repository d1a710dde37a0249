// pulse --warm-standby on a real wire: both routers run lvsd from the start, the inactive one
// in standby (monitors on, table programmed as on the active one); a takeover tells the
// standing-by lvsd to activate instead of starting one. The host kernel has no IPVS, so what is checked here is who
// runs which lvsd and what it is told; the kernel lab runs the same with a real table.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { until } from '../support/netns.js';
import {
  createCluster,
  destroyCluster,
  holdsVip,
  pairLvsCf,
  PulseProcess,
  type Cluster,
} from '../support/directors.js';
import { REPO } from '../support/run-bin.js';

const SLOW = 60_000;
const ACTIVATED = 'lvsd: activating: serving with the IPVS table as programmed';
const STANDING_BY = 'lvsd: standing by: monitoring real servers, the IPVS table programmed';

let cluster: Cluster;
const running: PulseProcess[] = [];
const orphans: number[] = [];

async function lvsdPidOf(p: PulseProcess): Promise<number> {
  const status = await until(
    () => p.status(),
    (s) => s.type === 'pulse-status' && s.lvsdPid !== null,
    20_000,
  );
  return status.type === 'pulse-status' ? (status.lvsdPid ?? 0) : 0;
}

async function cmdline(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter((a) => a !== '');
}

async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const said = (p: PulseProcess, text: string) => p.lines.filter((l) => l.text === text).length;

beforeAll(async () => {
  cluster = await createCluster('warm');
}, SLOW);

afterAll(async () => {
  // The killed master's lvsd still holds pulse's output pipe: end it before waiting for pulse.
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const p of running.splice(0)) await p.stop();
  await destroyCluster(cluster);
}, SLOW);

test(
  'the backup runs lvsd in standby and a takeover activates that same lvsd',
  async () => {
    const { master, backup } = cluster.hosts;
    const file = join(cluster.dir, 'lvs.cf');
    await writeFile(file, pairLvsCf(0.2, 0.6));
    const lvsd = `${REPO}bin/lvsd`;
    const args = ['--lvsd', lvsd, '--warm-standby'];
    const m = new PulseProcess(master, file, ['--forceactive', ...args]);
    running.push(m);
    await m.waitFor('Forced active on startup: activating lvs');
    const b = new PulseProcess(backup, file, args);
    running.push(b);
    await b.waitFor('STARTING PULSE AS BACKUP');

    const standby = await lvsdPidOf(b);
    expect(await cmdline(standby)).toEqual(
      expect.arrayContaining([lvsd, '--nodaemon', '-c', file, '--standby']),
    );
    await until(
      async () => said(b, STANDING_BY),
      (n) => n >= 1,
      20_000,
    );
    // The master's own lvsd also started in standby and was told to activate.
    await until(
      async () => said(m, ACTIVATED),
      (n) => n >= 1,
      20_000,
    );
    expect(said(b, ACTIVATED)).toBe(0);

    orphans.push(await lvsdPidOf(m));
    m.kill('SIGKILL');
    await b.waitFor('partner dead: activating lvs', 10_000);
    await until(
      async () => said(b, ACTIVATED),
      (n) => n >= 1,
      20_000,
    );
    expect(await lvsdPidOf(b)).toBe(standby);
    expect(await holdsVip(backup)).toBe(true);

    // The master restarted: its new pulse stops the lvsd the killed one left, which holds lvsd's
    // socket, and runs its own. That lvsd cannot be ready here (this kernel has no IPVS), so
    // the master does not take the VIP from the serving backup; the kernel lab hands over.
    const orphan = orphans[0] ?? 0;
    const m2 = new PulseProcess(master, file, ['--forceactive', ...args]);
    running.push(m2);
    await m2.waitFor(`lvsd (pid ${orphan}) was left running by an earlier pulse; stopping it`);
    expect(
      await until(
        () => alive(orphan),
        (running) => !running,
        15_000,
      ),
    ).toBe(false);
    const fresh = await lvsdPidOf(m2);
    expect(fresh).not.toBe(orphan);
    await until(
      async () => said(m2, ACTIVATED),
      (n) => n >= 1,
      30_000,
    );
    expect(await holdsVip(backup)).toBe(true);
    expect(await holdsVip(master)).toBe(false);
    expect(m2.count('lvsd ready: taking over')).toBe(0);

    await b.stop();
    expect(b.lines.map((l) => l.text)).toContain('lvsd: shutting down due to signal 15');
    expect(
      await until(
        () => alive(standby),
        (running) => !running,
        15_000,
      ),
    ).toBe(false);
  },
  SLOW * 2,
);
