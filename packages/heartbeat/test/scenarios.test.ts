// Two nodes over a simulated network: start-up, failover, fail-back, split brain, channels.
import fc from 'fast-check';
import { KEY, OTHER_KEY } from './keys.js';
import { Sim, messages } from './sim.js';

/** Master active, backup inactive, settled. */
function settled(sim: Sim): void {
  sim.boot('master', { forceActive: true });
  sim.boot('backup');
  sim.runUntil(20_000);
  expect(sim.active()).toEqual(['master']);
}

describe('start-up (V08)', () => {
  test('both at once: both activate on stopped, then the backup steps down', () => {
    const sim = new Sim();
    sim.boot('master');
    sim.boot('backup');
    sim.runUntil(2001);
    expect(sim.active()).toEqual(['master', 'backup']);
    sim.runUntil(4010);
    expect(sim.active()).toEqual(['master']);
    expect(messages(sim.nodes.backup)).toEqual([
      'primary inactive: activating lvs',
      'partner active: deactivating LVS',
    ]);
    expect(messages(sim.nodes.master)).toEqual([
      'backup inactive: activating lvs',
      'partner active: resending arps',
      'partner active: resending arps',
    ]);
  });

  test('backup a moment later: whoever first hears stopped stays active (section 17)', () => {
    const sim = new Sim();
    sim.boot('master');
    sim.at(500, () => sim.boot('backup'));
    sim.runUntil(30_000);
    expect(sim.active()).toEqual(['backup']);
  });

  test('a master without a backup activates after deadtime', () => {
    const sim = new Sim({ backupActive: false });
    sim.boot('master');
    sim.runUntil(4999);
    expect(sim.active()).toEqual([]);
    sim.runUntil(5000);
    expect(sim.active()).toEqual(['master']);
  });
});

describe('failover and fail-back', () => {
  test('master dies: the backup takes over exactly deadtime after the last heartbeat', () => {
    const sim = new Sim({ keepalive: 0.1, deadtime: 0.3 });
    settled(sim);
    sim.kill('master');
    sim.runUntil(21_000);
    expect(sim.active()).toEqual(['backup']);
    const takeover = sim.nodes.backup.log.find((l) => l.message === 'partner dead: activating lvs');
    // The last heartbeat left at 20000 and arrived 1 ms later.
    expect(takeover?.at).toBe(20_001 + 300);
  });

  test('master returns: no automatic fail-back', () => {
    const sim = new Sim();
    settled(sim);
    sim.kill('master');
    sim.runUntil(40_000);
    sim.boot('master');
    sim.runUntil(120_000);
    expect(sim.active()).toEqual(['backup']);
    expect(messages(sim.nodes.master)).not.toContain('backup inactive: activating lvs');
  });

  test('master returns with --forceactive: the backup steps down, the master re-arps', () => {
    const sim = new Sim();
    settled(sim);
    sim.kill('master');
    sim.runUntil(40_000);
    const masterLog = sim.nodes.master.log.length;
    sim.boot('master', { forceActive: true });
    sim.runUntil(50_000);
    expect(sim.active()).toEqual(['master']);
    expect(messages(sim.nodes.backup).at(-1)).toBe('partner active: deactivating LVS');
    expect(messages(sim.nodes.master).slice(masterLog)).toContain('partner active: resending arps');
  });

  test('a returning master hands over only when its lvsd is ready; someone serves throughout', () => {
    const sim = new Sim();
    settled(sim);
    sim.kill('master');
    sim.runUntil(40_000);
    expect(sim.active()).toEqual(['backup']);
    sim.lvsdReadyMs = 15_000;
    sim.boot('master', { forceActive: true });
    for (let t = 40_000; t <= 54_000; t += 500) {
      sim.runUntil(t);
      expect(sim.active()).toEqual(['backup']);
    }
    sim.runUntil(60_000);
    expect(sim.active()).toEqual(['master']);
    expect(messages(sim.nodes.master)).toContain('lvsd ready: taking over');
    expect(messages(sim.nodes.backup).at(-1)).toBe('partner active: deactivating LVS');
  });

  test('--forceactive on the backup while the master is active: it steps down again', () => {
    const sim = new Sim();
    settled(sim);
    sim.kill('backup');
    sim.boot('backup', { forceActive: true });
    sim.runUntil(30_000);
    expect(sim.active()).toEqual(['master']);
  });

  test('lvsd dies on the master: the backup takes over, the master does not come back', () => {
    const sim = new Sim();
    settled(sim);
    sim.deliver('master', {
      type: 'lvsd-exited',
      pid: 100,
      status: { kind: 'signaled', signal: 9 },
    });
    sim.runUntil(60_000);
    expect(sim.active()).toEqual(['backup']);
    expect(messages(sim.nodes.backup)).toContain('primary inactive: activating lvs');
    expect(sim.nodes.master.state.childFail).toBe(false);
  });
});

describe('split brain (B.3)', () => {
  test('both active after a partition; on healing the master wins and re-announces', () => {
    const sim = new Sim({ privateChannel: true });
    settled(sim);
    sim.up.public = false;
    sim.up.private = false;
    sim.runUntil(30_000);
    expect(sim.active()).toEqual(['master', 'backup']);
    sim.up.public = true;
    sim.up.private = true;
    sim.runUntil(32_100);
    expect(sim.active()).toEqual(['master']);
    expect(messages(sim.nodes.master)).toContain('partner active: resending arps');
    const announced = sim.nodes.master.actions.filter(
      (a) => a.effect.kind === 'announce-addresses' && a.at > 30_000,
    );
    expect(announced.length).toBeGreaterThan(0);
  });

  test('one channel alive is enough: the partner is dead only when both are silent', () => {
    const sim = new Sim({ privateChannel: true });
    settled(sim);
    sim.up.public = false;
    sim.runUntil(60_000);
    expect(sim.active()).toEqual(['master']);
    expect(sim.nodes.backup.state.lastHeard.private).toBeGreaterThan(57_000);
    expect(sim.nodes.backup.state.lastHeard.public).toBeLessThanOrEqual(20_001);
    sim.up.private = false;
    sim.runUntil(66_000);
    expect(sim.active()).toEqual(['master', 'backup']);
  });

  test('with a key the same dance works over signed heartbeats', () => {
    const keys = { master: KEY, backup: KEY };
    const sim = new Sim({ privateChannel: true, keepalive: 0.2, deadtime: 0.6 }, keys);
    settled(sim);
    sim.up.public = false;
    sim.up.private = false;
    sim.runUntil(25_000);
    expect(sim.active()).toEqual(['master', 'backup']);
    sim.up.public = true;
    sim.up.private = true;
    sim.runUntil(26_000);
    expect(sim.active()).toEqual(['master']);
    const refused = messages(sim.nodes.master).filter((m) => m.includes('refused'));
    expect(refused).toEqual([]);
  });
});

test('a key on one side only: the keyed side refuses, the other finds the packets bad', () => {
  const sim = new Sim({}, { master: KEY });
  sim.boot('master');
  sim.boot('backup');
  sim.runUntil(6000);
  expect(sim.active()).toEqual(['master', 'backup']);
  expect(messages(sim.nodes.master)).toContain(
    'unsigned heartbeat refused (a heartbeat key is configured)',
  );
  expect(messages(sim.nodes.backup)).toContain('bad heartbeat packet');
});

test('mismatched keys: every heartbeat is refused, so each node thinks the other is dead', () => {
  const sim = new Sim({}, { master: KEY, backup: OTHER_KEY });
  sim.boot('master');
  sim.boot('backup');
  sim.runUntil(6000);
  expect(sim.active()).toEqual(['master', 'backup']);
  expect(messages(sim.nodes.master)).toContain('heartbeat with a bad signature refused');
});

test('property: after any partitions heal, exactly one node is active', () => {
  const partition = fc.record({
    start: fc.integer({ min: 0, max: 20_000 }),
    length: fc.integer({ min: 1, max: 8_000 }),
    channels: fc.constantFrom('public', 'private', 'both'),
  });
  fc.assert(
    fc.property(
      fc.array(partition, { maxLength: 4 }),
      fc.constantFrom(
        { keepalive: 0.1, deadtime: 0.3 },
        { keepalive: 0.5, deadtime: 1.5 },
        { keepalive: 1, deadtime: 3 },
      ),
      fc.integer({ min: 0, max: 3000 }),
      (partitions, { keepalive, deadtime }, backupDelay) => {
        const sim = new Sim({ privateChannel: true, keepalive, deadtime });
        sim.boot('master');
        sim.at(backupDelay, () => sim.boot('backup'));
        for (const p of partitions) {
          const cut = p.channels === 'both' ? (['public', 'private'] as const) : [p.channels];
          sim.at(p.start, () => cut.forEach((c) => (sim.up[c] = false)));
          sim.at(p.start + p.length, () => cut.forEach((c) => (sim.up[c] = true)));
        }
        sim.runUntil(30_000);
        sim.up.public = true;
        sim.up.private = true;
        sim.runUntil(30_000 + 4 * deadtime * 1000);
        expect(sim.active()).toHaveLength(1);
      },
    ),
    { numRuns: 60 },
  );
});
