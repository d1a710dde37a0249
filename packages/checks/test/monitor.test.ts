import {
  PROBE_GRACE_MS,
  monitorConfig,
  startMonitor,
  step,
  utf8,
  type MonitorEffect,
  type ProgramRun,
} from '@piranha-ts/checks';
import { Sim, TARGET } from './sim.js';

const USR1 = { type: 'signal', signal: 'force-down' } as const;
const USR2 = { type: 'signal', signal: 'force-up' } as const;
const HUP = { type: 'signal', signal: 'resume' } as const;
const TERM = { type: 'terminate', signal: 15 } as const;

/** Checks numbered from 1 pass unless listed. */
const failing =
  (...checks: number[]) =>
  (_at: number, n: number): boolean =>
    !checks.includes(n);

describe('start and timing (6.5)', () => {
  test('the first check starts at once, with its deadline and a watchdog', () => {
    const config = monitorConfig({
      target: TARGET,
      check: { kind: 'tcp', target: TARGET, send: undefined, reply: { kind: 'none' } },
      intervalMs: 2000,
    });
    const started = startMonitor(config, 0);
    if (!started.ok) throw new Error('start failed');
    expect(started.result.effects).toEqual<MonitorEffect[]>([
      { kind: 'start-check', id: 1, spec: config.check, timeoutMs: 2000 },
      { kind: 'arm-timer', id: 1, ms: 2000 + PROBE_GRACE_MS },
    ]);
  });

  test('a healthy server is admitted by the very first pass', () => {
    const sim = new Sim({ weight: 64 });
    expect(sim.reportLines()).toEqual(['0 up 2 transition']);
    expect(sim.messages()).toEqual(['info: [ active ] making 10.0.0.5:80 available']);
  });

  test('the interval runs from the end of a round, so the period is interval + check time', () => {
    const sim = new Sim({ checkMs: 250 });
    sim.runUntil(30_000);
    expect(sim.checkStarts).toEqual([0, 10_250, 20_500]);
  });

  test('the check timeout defaults to the interval and can be set apart', () => {
    const sim = new Sim({ intervalMs: 3000, checkTimeoutMs: 500, health: () => 'hang' });
    sim.runUntil(1500);
    expect(sim.aborted).toEqual([1]);
    expect(sim.messages()).toContain('warn: check of 10.0.0.5:80 gave no result within 1500 ms');
    expect(sim.checkStarts).toEqual([0]);
    sim.runUntil(4500);
    expect(sim.checkStarts).toEqual([0, 4500]);
  });

  test('a probe that never reports is abandoned at its deadline plus grace, and counts as failed', () => {
    const sim = new Sim({ weight: 1, health: (_at, n) => (n === 2 ? 'hang' : true) });
    sim.runUntil(10_000 + 10_000 + PROBE_GRACE_MS);
    expect(sim.aborted).toEqual([3]);
    expect(sim.reportLines()).toEqual(['0 up 1 transition', '21000 down transition']);
    sim.runUntil(31_000);
    expect(sim.checkStarts).toEqual([0, 10_000, 31_000]);
  });

  test('a check failure is logged with the original line', () => {
    const sim = new Sim({
      health: () => ({ ok: false, failure: { reason: 'too-short', got: 0, want: 4 } }),
    });
    expect(sim.messages()).toEqual([
      'warn: READ from 10.0.0.5:80 was too short[0>=4]',
      'debug: No service active & available...',
    ]);
  });
});

describe('reentry (6.5, 6.6)', () => {
  const flapping = { intervalMs: 2000, reentryMs: 6000, resyncEvery: 0 };

  test('a failed server must pass floor(reentry/interval) checks in a row; a flap starts over', () => {
    // Checks every 2 s: 6 fails (10 s), 9 fails inside the reentry time (16 s), then three passes.
    const sim = new Sim({ ...flapping, health: failing(6, 9) });
    sim.runUntil(20_000);
    expect(sim.reportLines()).toEqual(['0 up 1 transition', '10000 down transition']);
    sim.runUntil(22_000);
    expect(sim.reportLines()).toEqual([
      '0 up 1 transition',
      '10000 down transition',
      '22000 up 1 transition',
    ]);
    expect(sim.messages()).toEqual([
      'info: [ active ] making 10.0.0.5:80 available',
      'warn: CONNECT to 10.0.0.5:80 timed out',
      'info: [inactive] shutting down 10.0.0.5:80 due to connection failure',
      'warn: CONNECT to 10.0.0.5:80 timed out',
      'debug: No service active & available...',
      'info: [ active ] making 10.0.0.5:80 available',
    ]);
  });

  test('a server failing from the start needs the full reentry count too', () => {
    const sim = new Sim({ ...flapping, health: failing(1) });
    sim.runUntil(4000);
    expect(sim.reportLines()).toEqual(['0 down resync']);
    sim.runUntil(6000);
    expect(sim.reportLines()).toEqual(['0 down resync', '6000 up 1 transition']);
  });

  test('reentry shorter than the interval: the next pass readmits', () => {
    const sim = new Sim({ intervalMs: 2000, reentryMs: 1999, health: failing(2) });
    sim.runUntil(4000);
    expect(sim.reportLines()).toEqual([
      '0 up 1 transition',
      '2000 down transition',
      '4000 up 1 transition',
    ]);
  });

  test('the default reentry is 180 s: 18 passes at a 10 s interval', () => {
    const sim = new Sim({ resyncEvery: 0, health: failing(2) });
    sim.runUntil(189_999);
    expect(sim.reportLines()).toEqual(['0 up 1 transition', '10000 down transition']);
    sim.runUntil(190_000);
    expect(sim.reportLines().at(-1)).toBe('190000 up 1 transition');
  });

  test('fractional timings: 1.5 s interval, 4 s reentry, 12.5 ms checks', () => {
    const sim = new Sim({ intervalMs: 1500, reentryMs: 4000, checkMs: 12.5, health: failing(2) });
    sim.runUntil(5000);
    expect(sim.checkStarts).toEqual([0, 1512.5, 3025, 4537.5]);
    expect(sim.state.countThresh).toBe(2);
    expect(sim.reportLines()).toEqual([
      '12.5 up 1 transition',
      '1525 down transition',
      '4550 up 1 transition',
    ]);
  });

  test('the pass count is computed in whole milliseconds: 300 ms over 100 ms is 3', () => {
    expect(new Sim({ intervalMs: 100, reentryMs: 300 }).state.countThresh).toBe(3);
  });
});

describe('quiesce (6.6 [V08])', () => {
  test('a failed server keeps its entry with weight 0, and comes back with its weight', () => {
    const sim = new Sim({
      weight: 64,
      slowStart: false,
      quiesce: true,
      reentryMs: 20_000,
      health: failing(2),
    });
    sim.runUntil(40_000);
    expect(sim.reportLines()).toEqual([
      '0 up 64 transition',
      '10000 weight 0 transition',
      '30000 up 64 transition',
    ]);
  });

  test('the periodic restatement of a quiesced server is weight 0', () => {
    const sim = new Sim({ quiesce: true, resyncEvery: 3, health: (_at, n) => n === 1 });
    sim.runUntil(20_000);
    expect(sim.reportLines()).toEqual([
      '0 up 1 transition',
      '10000 weight 0 transition',
      '20000 weight 0 resync',
    ]);
  });

  test('terminating leaves a quiesced entry alone', () => {
    const sim = new Sim({ quiesce: true, health: failing(2) });
    sim.runUntil(15_000);
    sim.send(TERM);
    expect(sim.reportLines()).toEqual(['0 up 1 transition', '10000 weight 0 transition']);
    expect(sim.exitCode).toBe(0);
  });
});

describe('signals (6.9)', () => {
  test('USR1 takes the server out and freezes; USR2 puts it in at full weight; HUP checks at once', () => {
    const sim = new Sim({ weight: 5, slowStart: false });
    sim.schedule(5000, USR1);
    sim.runUntil(100_000);
    expect(sim.checkStarts).toEqual([0]);
    sim.send(USR2);
    sim.runUntil(200_000);
    expect(sim.checkStarts).toEqual([0]);
    sim.send(HUP);
    expect(sim.checkStarts).toEqual([0, 200_000]);
    expect(sim.reportLines()).toEqual([
      '0 up 5 transition',
      '5000 down signal',
      '100000 up 5 signal',
    ]);
    expect(sim.messages()).toEqual([
      'info: [ active ] making 10.0.0.5:80 available',
      'info: opaque glasses on',
      'info: rose-colored glasses on',
      'info: DEBUG -- removing glasses',
    ]);
  });

  test('USR2 admits at the full weight even with slow start, and slow start does not undo it', () => {
    const sim = new Sim({ weight: 100, resyncEvery: 0, health: failing(1) });
    sim.send(USR2);
    sim.send(HUP);
    sim.runUntil(60_000);
    expect(sim.reportLines()).toEqual(['0 down resync', '0 up 100 signal']);
  });

  test('HUP without a freeze re-checks at once with the reentry count satisfied', () => {
    const sim = new Sim({ resyncEvery: 0, health: failing(1) });
    sim.runUntil(20_000);
    sim.schedule(25_000, HUP);
    sim.runUntil(25_000);
    expect(sim.checkStarts).toEqual([0, 10_000, 20_000, 25_000]);
    expect(sim.reportLines()).toEqual(['0 down resync', '25000 up 1 transition']);
  });

  test('a signal during a check takes effect when the round ends', () => {
    // Checks run 0-500 and 10500-11000.
    const sim = new Sim({ checkMs: 500 });
    sim.schedule(10_700, USR1);
    sim.runUntil(10_900);
    expect(sim.reportLines()).toEqual(['500 up 1 transition']);
    sim.runUntil(60_000);
    expect(sim.reportLines()).toEqual(['500 up 1 transition', '11000 down signal']);
    expect(sim.checkStarts).toEqual([0, 10_500]);
  });

  test('HUP during a failing check: the failure counts, then an immediate recheck readmits', () => {
    const sim = new Sim({ checkMs: 500, resyncEvery: 0, health: failing(2) });
    sim.schedule(10_700, HUP);
    sim.runUntil(11_500);
    expect(sim.checkStarts).toEqual([0, 10_500, 11_000]);
    expect(sim.reportLines()).toEqual([
      '500 up 1 transition',
      '11000 down transition',
      '11500 up 1 transition',
    ]);
  });

  test('of two signals during one check, the later wins', () => {
    const sim = new Sim({ checkMs: 500, health: failing(1) });
    sim.schedule(100, USR1);
    sim.schedule(200, USR2);
    sim.runUntil(60_000);
    expect(sim.messages()).toEqual([
      'warn: CONNECT to 10.0.0.5:80 timed out',
      'debug: No service active & available...',
      'info: rose-colored glasses on',
    ]);
    expect(sim.reportLines()).toEqual(['500 down resync', '500 up 1 signal']);
  });

  test('USR1 on a server already out, and USR2 on one already in, report nothing', () => {
    const down = new Sim({ health: failing(1) });
    down.send(USR1);
    expect(down.reportLines()).toEqual(['0 down resync']);
    const up = new Sim();
    up.send(USR2);
    expect(up.reportLines()).toEqual(['0 up 1 transition']);
  });
});

describe('terminate (6.6, 6.10)', () => {
  test('mid-check: abort the probe, take the server out, exit 0; later events change nothing', () => {
    const sim = new Sim({ checkMs: 500 });
    sim.runUntil(10_600);
    sim.send(TERM);
    expect(sim.aborted).toEqual([3]);
    expect(sim.messages().at(-1)).toBe('info: Terminating due to signal 15');
    expect(sim.reportLines()).toEqual(['500 up 1 transition', '10600 down terminate']);
    expect(sim.exitCode).toBe(0);
    const before = sim.state;
    sim.runUntil(100_000);
    sim.send(HUP);
    sim.send(TERM);
    expect(sim.state).toBe(before);
  });

  test('a server out of service is not reported again', () => {
    const sim = new Sim({ health: failing(1) });
    sim.send(TERM);
    expect(sim.reportLines()).toEqual(['0 down resync']);
    expect(sim.exitCode).toBe(0);
  });
});

describe('reports: transitions only, and a periodic full restatement', () => {
  test('a steady server is restated every resyncEvery checks', () => {
    const sim = new Sim({ resyncEvery: 3 });
    sim.runUntil(90_000);
    expect(sim.reportLines()).toEqual([
      '0 up 1 transition',
      '20000 up 1 resync',
      '50000 up 1 resync',
      '80000 up 1 resync',
    ]);
  });

  test('a server down from the start is stated once, then restated', () => {
    const sim = new Sim({ resyncEvery: 3, health: () => false });
    sim.runUntil(60_000);
    expect(sim.reportLines()).toEqual(['0 down resync', '20000 down resync', '50000 down resync']);
  });

  test('a round that already reported a change needs no restatement', () => {
    const sim = new Sim({ resyncEvery: 2, intervalMs: 2000, reentryMs: 2000, health: failing(2) });
    sim.runUntil(6000);
    expect(sim.reportLines()).toEqual([
      '0 up 1 transition',
      '2000 down transition',
      '4000 up 1 transition',
      '6000 up 1 resync',
    ]);
  });

  test('resyncEvery 0 never restates', () => {
    const sim = new Sim({ resyncEvery: 0 });
    sim.runUntil(1_000_000);
    expect(sim.reportLines()).toEqual(['0 up 1 transition']);
  });
});

describe('weights (6.6, 6.7)', () => {
  test('slow start: weight/32, then doubling every load cycle up to the weight', () => {
    const sim = new Sim({ weight: 100, resyncEvery: 0 });
    sim.runUntil(200_000);
    expect(sim.reportLines()).toEqual([
      '0 up 3 transition',
      '10000 weight 6 slow-start',
      '30000 weight 12 slow-start',
      '50000 weight 24 slow-start',
      '70000 weight 48 slow-start',
      '90000 weight 96 slow-start',
      '110000 weight 100 slow-start',
    ]);
    expect(sim.loadStarts).toEqual([]);
  });

  test('without slow start the server enters at its weight', () => {
    expect(new Sim({ weight: 100, slowStart: false }).reportLines()).toEqual([
      '0 up 100 transition',
    ]);
  });

  test('weight 0 enters at 0 and stays there', () => {
    const sim = new Sim({ weight: 0, loadArgv: ['rup', '10.0.0.5'], load: () => idle });
    sim.runUntil(100_000);
    expect(sim.reportLines().filter((line) => !line.endsWith('resync'))).toEqual([
      '0 up 0 transition',
    ]);
  });

  const idle: ProgramRun = {
    kind: 'exited',
    code: 0,
    stdout: utf8(' 10:14:01 up 3 days,  2:03,  load average: 0.00, 0.00, 0.00\n'),
  };

  test('load probe every second check at 10 s; an idle server climbs by W/2', () => {
    const sim = new Sim({
      weight: 10,
      slowStart: false,
      resyncEvery: 0,
      loadArgv: ['rup', '10.0.0.5'],
      load: () => idle,
      loadMs: 300,
    });
    sim.runUntil(45_000);
    expect(sim.loadStarts).toEqual([10_000, 30_300]);
    expect(sim.checkStarts).toEqual([0, 10_000, 20_300, 30_300, 40_600]);
    expect(sim.reportLines()).toEqual([
      '0 up 10 transition',
      '10300 weight 15 load',
      '30600 weight 20 load',
    ]);
    expect(sim.messages()).toContain('debug: Loadavg of 10.0.0.5 is 0.000000');
    expect(sim.messages()).toContain('debug: Adjusting weight of 10.0.0.5:80 to 15');
  });

  test.each([
    [6000, [12_000, 30_000]],
    [10_000, [10_000, 30_000]],
    [15_000, [0, 15_000, 30_000]],
    [25_000, [0, 25_000]],
  ])('interval %d ms: load cycles at %j', (intervalMs, starts) => {
    const sim = new Sim({ intervalMs, slowStart: false, loadArgv: ['rup'], load: () => idle });
    sim.runUntil(30_000);
    expect(sim.loadStarts).toEqual(starts);
  });

  test('a failing or hanging load probe logs and leaves the weight', () => {
    const failingRun = new Sim({
      slowStart: false,
      weight: 10,
      loadArgv: ['rsh', '10.0.0.5', 'uptime'],
      load: () => ({ kind: 'exited', code: 1, stdout: utf8('') }),
    });
    failingRun.runUntil(20_000);
    expect(failingRun.messages().slice(1)).toEqual([
      'warn: The following exited abnormally:',
      'warn: running command  "rsh" "10.0.0.5" "uptime"',
      'warn: failed to read remote load',
    ]);
    expect(failingRun.checkStarts).toEqual([0, 10_000, 20_000]);

    const hanging = new Sim({ slowStart: false, weight: 10, loadArgv: ['rup', '10.0.0.5'] });
    hanging.runUntil(21_000);
    // Ids: check 1, its interval timer, check 2, then the load probe.
    expect(hanging.aborted).toEqual([4]);
    expect(hanging.messages()).toContain('warn: timeout running the following:');
    expect(hanging.reportLines()).toEqual(['0 up 10 transition']);
  });
});

describe('retries (off by default)', () => {
  test('with retries 2, the third failure in a row removes the server', () => {
    const sim = new Sim({ retries: 2, resyncEvery: 0, health: failing(2, 3, 5, 6, 7) });
    sim.runUntil(70_000);
    expect(sim.reportLines()).toEqual(['0 up 1 transition', '60000 down transition']);
    expect(sim.messages().filter((line) => line.includes('allowed'))).toEqual([
      'info: 10.0.0.5:80 failed 1 of 3 checks allowed',
      'info: 10.0.0.5:80 failed 2 of 3 checks allowed',
      'info: 10.0.0.5:80 failed 1 of 3 checks allowed',
      'info: 10.0.0.5:80 failed 2 of 3 checks allowed',
    ]);
  });

  test('retries do not shorten reentry: a server out of service is reset by one failure', () => {
    const sim = new Sim({
      retries: 5,
      intervalMs: 2000,
      reentryMs: 4000,
      resyncEvery: 0,
      health: failing(1, 3),
    });
    sim.runUntil(10_000);
    expect(sim.reportLines()).toEqual(['0 down resync', '8000 up 1 transition']);
  });
});

describe('robustness', () => {
  test('results and timers with an old id are ignored', () => {
    const sim = new Sim({ health: () => 'hang' });
    const before = sim.state;
    sim.send({ type: 'check-result', id: 99, outcome: { ok: true } });
    sim.send({ type: 'timer', id: 0 });
    sim.send({ type: 'load-result', id: 1, run: { kind: 'timeout' } });
    expect(sim.state).toBe(before);
  });

  test('a late result after the watchdog gave up is ignored', () => {
    const sim = new Sim({ health: () => 'hang', resyncEvery: 0 });
    sim.runUntil(11_000);
    const before = sim.state;
    sim.send({ type: 'check-result', id: 1, outcome: { ok: true } });
    expect(sim.state).toBe(before);
  });

  test.each([
    [{ intervalMs: 0 }, 'interval must be at least 1 ms, not 0'],
    [{ intervalMs: 1.5 }, 'interval must be at least 1 ms, not 1.5'],
    [{ checkTimeoutMs: -1 }, 'check timeout must be at least 1 ms, not -1'],
    [{ reentryMs: -5 }, 'reentry time must not be negative, not -5'],
    [{ weight: -1 }, 'weight must be a whole number of 0 or more, not -1'],
    [{ scale: 0 }, 'scale must be a whole number of 1 or more, not 0'],
    [{ retries: 0.5 }, 'retries must be a whole number of 0 or more, not 0.5'],
    [{ loadArgv: [] }, 'the load probe names no command'],
  ])('unusable settings %j are refused', (options, message) => {
    const config = monitorConfig({
      target: TARGET,
      check: { kind: 'tcp', target: TARGET, send: undefined, reply: { kind: 'none' } },
      ...options,
    });
    const result = startMonitor(config, 0);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContain(message);
  });

  test('step never changes the state it is given', () => {
    const sim = new Sim();
    const frozen = structuredClone(sim.state);
    step(sim.state, { type: 'timer', id: 2 }, 10_000);
    expect(sim.state).toEqual(frozen);
  });
});
