// Start-up, --forceactive, timers, CHILDFAIL, signals and link monitoring.
import { HANDOVER_WAIT_MS, secondsToMs, start, step, type PulseState } from '@piranha-ts/heartbeat';
import { OPTIONS, actions, activeNode, logs, node, timers } from './helpers.js';

describe('start', () => {
  test('inactive; inactive_cmd and the sync daemon as backup; both timers armed', () => {
    const result = start({ ...OPTIONS, inactiveCmd: '/bin/down', syncDaemon: true }, 100);
    expect(result.state).toMatchObject({ active: false, sendAt: 2100, needAt: 5100 });
    expect(result.effects).toEqual([
      { kind: 'run-command', which: 'inactive_cmd', command: '/bin/down' },
      { kind: 'sync-daemon', state: 'backup' },
      { kind: 'arm-timer', timer: 'send', delayMs: 2000 },
      { kind: 'arm-timer', timer: 'need', delayMs: 5000 },
    ]);
  });

  test('--forceactive without a backup: activates at once (4.8)', () => {
    const result = start(
      { ...OPTIONS, backupActive: false, forceActive: true, activeCmd: '/bin/up' },
      0,
    );
    expect(logs(result)).toEqual(['Forced active on startup: activating lvs']);
    expect(actions(result)).toEqual([
      { kind: 'run-command', which: 'active_cmd', command: '/bin/up' },
      { kind: 'start-lvsd' },
      { kind: 'announce-addresses' },
    ]);
    expect(result.state).toMatchObject({ active: true, lvsdRunning: true });
  });

  test('without a backup no heartbeat is ever sent; the need timer still runs', () => {
    const result = start({ ...OPTIONS, backupActive: false }, 0);
    expect(timers(result)).toEqual([{ kind: 'arm-timer', timer: 'need', delayMs: 5000 }]);
    expect(result.state.sendAt).toBeUndefined();
    expect(step(result.state, { type: 'timer', timer: 'send' }, 2000).effects).toEqual([]);
    const dead = step(result.state, { type: 'timer', timer: 'need' }, 5000);
    expect(logs(dead)).toEqual(['partner dead: activating lvs']);
  });
});

describe('fractional keepalive and deadtime', () => {
  test.each([
    [0.1, 100],
    [0.3, 300],
    [1.1, 1100],
    [0.01, 10],
    [2, 2000],
    [0.0001, 1],
  ])('%f s is %i ms', (seconds, ms) => {
    expect(secondsToMs(seconds)).toBe(ms);
  });

  test('0.1 s / 0.3 s: timers in ms', () => {
    const { state, effects } = start({ ...OPTIONS, keepalive: 0.1, deadtime: 0.3 }, 1000);
    expect(effects).toEqual([
      { kind: 'arm-timer', timer: 'send', delayMs: 100 },
      { kind: 'arm-timer', timer: 'need', delayMs: 300 },
    ]);
    const sent = step(state, { type: 'timer', timer: 'send' }, 1100);
    expect(timers(sent)).toEqual([{ kind: 'arm-timer', timer: 'send', delayMs: 100 }]);
    expect(sent.state.sendAt).toBe(1200);
    const heard = step(
      sent.state,
      { type: 'heartbeat', message: 'running', channel: 'public' },
      1150,
    );
    expect(heard.state.needAt).toBe(1450);
  });
});

describe('send timer', () => {
  test('inactive sends stopped, active sends running, on every channel', () => {
    const inactive = step(node({ privateChannel: true }), { type: 'timer', timer: 'send' }, 2000);
    expect(actions(inactive)).toEqual([
      { kind: 'send-heartbeat', channel: 'public', message: 'stopped' },
      { kind: 'send-heartbeat', channel: 'private', message: 'stopped' },
    ]);
    const active = step(activeNode(), { type: 'timer', timer: 'send' }, 2000);
    expect(actions(active)).toEqual([
      { kind: 'send-heartbeat', channel: 'public', message: 'running' },
    ]);
  });

  test('the next send is measured from this one', () => {
    const late = step(node(), { type: 'timer', timer: 'send' }, 2350);
    expect(late.state.sendAt).toBe(4350);
  });

  test('an early or stale timer re-arms for the rest and does nothing else', () => {
    const early = step(node(), { type: 'timer', timer: 'send' }, 1500);
    expect(early.effects).toEqual([{ kind: 'arm-timer', timer: 'send', delayMs: 500 }]);
    const heard = step(node(), { type: 'heartbeat', message: 'running', channel: 'public' }, 3000);
    const stale = step(heard.state, { type: 'timer', timer: 'need' }, 5000);
    expect(stale.effects).toEqual([{ kind: 'arm-timer', timer: 'need', delayMs: 3000 }]);
    expect(stale.state.active).toBe(false);
  });
});

describe('lvsd exits on its own (CHILDFAIL)', () => {
  const died = step(
    activeNode({ inactiveCmd: '/bin/down' }),
    { type: 'lvsd-exited', pid: 321, status: { kind: 'exited', code: 1 } },
    3000,
  );

  test('logs, deactivates without stopping the dead lvsd, sets CHILDFAIL', () => {
    expect(logs(died)).toEqual(['Child process 321 exited with status 1']);
    expect(actions(died)).toEqual([
      { kind: 'run-command', which: 'inactive_cmd', command: '/bin/down' },
      { kind: 'release-addresses' },
    ]);
    expect(died.state).toMatchObject({ active: false, lvsdRunning: false, childFail: true });
  });

  test('a signal death has its own line', () => {
    const killed = step(
      activeNode(),
      { type: 'lvsd-exited', pid: 9, status: { kind: 'signaled', signal: 9 } },
      0,
    );
    expect(logs(killed)).toEqual(['Child process 9 terminated with signal 9']);
  });

  test('the node then announces stopped, so the partner takes over', () => {
    const sent = step(died.state, { type: 'timer', timer: 'send' }, 4000);
    expect(actions(sent)).toEqual([
      { kind: 'send-heartbeat', channel: 'public', message: 'stopped' },
    ]);
  });

  test('neither stopped nor silence reactivates it; running from the partner clears it', () => {
    const stopped = step(
      died.state,
      { type: 'heartbeat', message: 'stopped', channel: 'public' },
      4000,
    );
    expect(stopped.state.active).toBe(false);
    const silent = step(stopped.state, { type: 'timer', timer: 'need' }, 9000);
    expect(silent.state.active).toBe(false);
    const running = step(
      silent.state,
      { type: 'heartbeat', message: 'running', channel: 'public' },
      9500,
    );
    expect(running.state.childFail).toBe(false);
    const dead = step(running.state, { type: 'timer', timer: 'need' }, 14500);
    expect(logs(dead)).toEqual(['partner dead: activating lvs']);
  });

  test('an exit reported when no lvsd runs, or of another child, is skipped', () => {
    const stale = step(
      node(),
      { type: 'lvsd-exited', pid: 77, status: { kind: 'exited', code: 0 } },
      0,
    );
    expect(logs(stale)).toEqual(['Skipping death of unknown child 77']);
    expect(stale.state.childFail).toBe(false);
    const other = step(activeNode(), { type: 'child-exited', pid: 78 }, 0);
    expect(logs(other)).toEqual(['Skipping death of unknown child 78']);
    expect(other.state.active).toBe(true);
  });
});

describe('signals', () => {
  test('SIGTERM while active: deactivate, cancel timers, exit 0', () => {
    const result = step(
      activeNode({ inactiveCmd: '/bin/down', syncDaemon: true }),
      { type: 'signal', signal: 'SIGTERM' },
      0,
    );
    expect(result.effects).toEqual([
      { kind: 'log', level: 'info', message: 'Terminating due to signal 15' },
      { kind: 'run-command', which: 'inactive_cmd', command: '/bin/down' },
      { kind: 'sync-daemon', state: 'backup' },
      { kind: 'stop-lvsd' },
      { kind: 'release-addresses' },
      { kind: 'cancel-timer', timer: 'send' },
      { kind: 'cancel-timer', timer: 'need' },
      { kind: 'exit', code: 0 },
    ]);
    expect(result.state).toMatchObject({ stopping: true, active: false });
  });

  test('SIGINT while inactive: nothing to take down', () => {
    const result = step(node(), { type: 'signal', signal: 'SIGINT' }, 0);
    expect(logs(result)).toEqual(['Terminating due to signal 2']);
    expect(actions(result)).toEqual([{ kind: 'exit', code: 0 }]);
  });

  test('after termination every event is ignored', () => {
    const stopped = step(node(), { type: 'signal', signal: 'SIGTERM' }, 0).state;
    for (const event of [
      { type: 'timer', timer: 'need' },
      { type: 'heartbeat', message: 'stopped', channel: 'public' },
      { type: 'signal', signal: 'SIGTERM' },
    ] as const) {
      expect(step(stopped, event, 99999)).toEqual({ state: stopped, effects: [] });
    }
  });

  test('SIGHUP is forwarded to a running lvsd only', () => {
    expect(step(activeNode(), { type: 'signal', signal: 'SIGHUP' }, 0).effects).toEqual([
      { kind: 'signal-lvsd', signal: 'SIGHUP' },
    ]);
    expect(step(node(), { type: 'signal', signal: 'SIGHUP' }, 0).effects).toEqual([]);
  });
});

describe('link monitoring (4.10.5)', () => {
  const monitored = { monitorLinks: true, privateChannel: true };
  const linkEvent = (state: PulseState, nic: 'public' | 'private', up: boolean) =>
    step(state, { type: 'link', nic, up }, 0);

  test('ignored without monitor_links or without a backup', () => {
    for (const options of [{ monitorLinks: false }, { monitorLinks: true, backupActive: false }]) {
      const result = linkEvent(activeNode(options), 'public', false);
      expect(result.effects).toEqual([]);
      expect(result.state).toMatchObject({ active: true, linkFail: false });
    }
  });

  test('public NIC down while active: disabled and deactivated', () => {
    const result = linkEvent(activeNode(monitored), 'public', false);
    expect(logs(result)).toEqual([
      'Primary NIC: link down',
      'Local NIC link failure: Pulse disabled',
      'local link failure: deactivating LVS',
    ]);
    expect(actions(result)).toEqual([{ kind: 'stop-lvsd' }, { kind: 'release-addresses' }]);
    expect(result.state).toMatchObject({ active: false, linkFail: true });
  });

  test('private NIC down while inactive: disabled, logged once', () => {
    const down = linkEvent(node(monitored), 'private', false);
    expect(logs(down)).toEqual([
      'Private NIC: link down',
      'Local NIC link failure: Pulse disabled',
    ]);
    const second = linkEvent(down.state, 'public', false);
    expect(second.effects).toEqual([]);
    const partlyBack = linkEvent(second.state, 'private', true);
    expect(partlyBack.effects).toEqual([]);
    expect(partlyBack.state.linkFail).toBe(true);
    const back = linkEvent(partlyBack.state, 'public', true);
    expect(logs(back)).toEqual(['Local NIC link(s) restored: Pulse enabled']);
    expect(back.state.linkFail).toBe(false);
  });

  test('the private NIC counts only when a private pair is configured', () => {
    const result = linkEvent(node({ monitorLinks: true }), 'private', false);
    expect(result.effects).toEqual([]);
    expect(result.state.linkFail).toBe(false);
  });

  test('a link-failed node keeps sending stopped and activates again once links return', () => {
    const down = linkEvent(node(monitored), 'public', false).state;
    expect(actions(step(down, { type: 'timer', timer: 'send' }, 2000))).toEqual([
      { kind: 'send-heartbeat', channel: 'public', message: 'stopped' },
      { kind: 'send-heartbeat', channel: 'private', message: 'stopped' },
    ]);
    const up = linkEvent(down, 'public', true).state;
    const stopped = step(up, { type: 'heartbeat', message: 'stopped', channel: 'public' }, 3000);
    expect(logs(stopped)).toEqual(['backup inactive: activating lvs']);
  });
  test('links back: the partner gets a full deadtime to be heard before it counts as dead', () => {
    const down = step(node(monitored), { type: 'link', nic: 'public', up: false }, 1000).state;
    const silent = step(down, { type: 'timer', timer: 'need' }, 9000).state;
    const up = step(silent, { type: 'link', nic: 'public', up: true }, 9500);
    expect(up.effects).toContainEqual({ kind: 'arm-timer', timer: 'need', delayMs: 5000 });
    const stale = step(up.state, { type: 'timer', timer: 'need' }, 10_000);
    expect(logs(stale)).toEqual([]);
    expect(stale.state.active).toBe(false);
    const dead = step(stale.state, { type: 'timer', timer: 'need' }, 14_500);
    expect(logs(dead)).toEqual(['partner dead: activating lvs']);
  });
});

describe('an active node hears a partner that had fallen silent (our addition)', () => {
  const heard = (message: 'stopped' | 'running') =>
    ({ type: 'heartbeat', message, channel: 'public' }) as const;

  test.each(['master', 'backup'] as const)(
    '%s: the first stopped after the deadline announces again, later ones do not',
    (role) => {
      const silent = step(activeNode({ role }), { type: 'timer', timer: 'need' }, 5000);
      expect(silent.state.partnerSilent).toBe(true);
      const back = step(silent.state, heard('stopped'), 5100);
      expect(logs(back)).toEqual(['partner back: resending arps']);
      expect(actions(back)).toEqual([{ kind: 'announce-addresses' }]);
      expect(back.state).toMatchObject({ active: true, partnerSilent: false });
      expect(actions(step(back.state, heard('stopped'), 5300))).toEqual([]);
    },
  );

  test('an inactive node that heard nothing still just activates on stopped', () => {
    const silent = step(node(), { type: 'timer', timer: 'need' }, 5000);
    const linkDown = { ...silent.state, active: false, linkFail: true };
    expect(logs(step(linkDown, heard('stopped'), 5100))).toEqual([]);
  });

  test('a partner heard in time: stopped while active changes nothing, as in the original', () => {
    expect(step(activeNode(), heard('stopped'), 100).effects).toEqual([
      { kind: 'log', level: 'debug', message: 'Received Heartbeat from partner' },
      { kind: 'arm-timer', timer: 'need', delayMs: 5000 },
    ]);
  });
});

describe('--forceactive with a backup: lvsd first, the addresses when it is ready', () => {
  const forced = () => start({ ...OPTIONS, forceActive: true, activeCmd: '/bin/up' }, 0);
  const handingOver = () => forced().state;

  test('starts lvsd and waits, silent, with the addresses down', () => {
    const result = forced();
    expect(logs(result)).toEqual(['Forced active on startup: activating lvs']);
    expect(actions(result)).toEqual([
      { kind: 'run-command', which: 'active_cmd', command: '/bin/up' },
      { kind: 'start-lvsd' },
      { kind: 'await-lvsd-ready' },
    ]);
    expect(timers(result)).toContainEqual({
      kind: 'arm-timer',
      timer: 'handover',
      delayMs: HANDOVER_WAIT_MS,
    });
    expect(result.state).toMatchObject({ active: false, handover: true, lvsdRunning: true });
    const send = step(result.state, { type: 'timer', timer: 'send' }, 2000);
    expect(send.effects).toEqual([{ kind: 'arm-timer', timer: 'send', delayMs: 2000 }]);
  });

  test('a partner heard running does not end the wait; lvsd ready does', () => {
    const heard = step(
      handingOver(),
      { type: 'heartbeat', message: 'running', channel: 'public' },
      1000,
    );
    expect(heard.state.handover).toBe(true);
    expect(actions(heard)).toEqual([]);
    const ready = step(heard.state, { type: 'lvsd-ready' }, 9000);
    expect(logs(ready)).toEqual(['lvsd ready: taking over']);
    expect(actions(ready)).toEqual([
      { kind: 'announce-addresses' },
      { kind: 'await-addresses-up' },
    ]);
    expect(timers(ready)).toEqual([{ kind: 'cancel-timer', timer: 'handover' }]);
    expect(ready.state).toMatchObject({ active: true, handover: false });
    expect(step(ready.state, { type: 'lvsd-ready' }, 9500).effects).toEqual([]);
  });

  test('a partner that is not serving ends the wait at once: stopped, or silent for deadtime', () => {
    const stopped = step(
      handingOver(),
      { type: 'heartbeat', message: 'stopped', channel: 'public' },
      1000,
    );
    expect(logs(stopped)).toEqual(['backup inactive: taking over']);
    expect(stopped.state.active).toBe(true);
    // Nobody serves: "running" goes out at the next tick, not after the addresses are up.
    expect(actions(stopped)).toEqual([{ kind: 'announce-addresses' }]);
    const dead = step(handingOver(), { type: 'timer', timer: 'need' }, 5000);
    expect(logs(dead)).toEqual(['partner dead: taking over']);
    expect(actions(dead)).toEqual([{ kind: 'announce-addresses' }]);
    expect(dead.state.active).toBe(true);
  });

  test('lvsd never ready: taken over after the bound, with a warning', () => {
    const late = step(handingOver(), { type: 'timer', timer: 'handover' }, HANDOVER_WAIT_MS);
    expect(late.effects).toContainEqual({
      kind: 'log',
      level: 'warn',
      message: `lvsd not ready after ${HANDOVER_WAIT_MS / 1000} s: taking over`,
    });
    expect(late.state.active).toBe(true);
  });

  test('SIGTERM or a link failure while waiting stops lvsd; no address to release', () => {
    const term = step(handingOver(), { type: 'signal', signal: 'SIGTERM' }, 1000);
    expect(actions(term)).toEqual([{ kind: 'stop-lvsd' }, { kind: 'exit', code: 0 }]);
    const links = start({ ...OPTIONS, forceActive: true, monitorLinks: true }, 0).state;
    const down = step(links, { type: 'link', nic: 'public', up: false }, 1000);
    expect(actions(down)).toEqual([{ kind: 'stop-lvsd' }]);
    expect(down.state).toMatchObject({ active: false, handover: false, lvsdRunning: false });
  });

  test('lvsd dying while waiting: CHILDFAIL, and a late ready changes nothing', () => {
    const died = step(
      handingOver(),
      { type: 'lvsd-exited', pid: 7, status: { kind: 'exited', code: 1 } },
      1000,
    );
    expect(died.state).toMatchObject({ handover: false, childFail: true, active: false });
    expect(step(died.state, { type: 'lvsd-ready' }, 2000).effects).toEqual([]);
  });
});

describe('a need timer that fires late: this router was frozen (our addition)', () => {
  const need = { type: 'timer', timer: 'need' } as const;
  const heard = { type: 'heartbeat', message: 'running', channel: 'public' } as const;

  test('more than half a keepalive late: one keepalive more, once, then the partner is dead', () => {
    const late = step(node(), need, 5000 + 2001);
    expect(logs(late)).toEqual([]);
    expect(late.effects).toContainEqual({ kind: 'arm-timer', timer: 'need', delayMs: 2000 });
    expect(late.state).toMatchObject({ active: false, stallGrace: true, needAt: 9001 });
    // Late again without a heartbeat in between: the partner is dead after all.
    expect(logs(step(late.state, need, 9001 + 5000))).toEqual(['partner dead: activating lvs']);
  });

  test('a heartbeat held back by the freeze arrives meanwhile: nothing happens', () => {
    const late = step(node(), need, 8000);
    const back = step(late.state, heard, 8010);
    expect(back.state).toMatchObject({ stallGrace: false, needAt: 13_010 });
    expect(logs(step(back.state, need, 13_010))).toEqual(['partner dead: activating lvs']);
  });

  test('up to half a keepalive late is on time', () => {
    expect(logs(step(node(), need, 5000 + 1000))).toEqual(['partner dead: activating lvs']);
  });
});
