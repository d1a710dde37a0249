// The V08 LVS-mode table of section 4.7, row by row, plus stop-me, hold and held.
import { step, type PulseState } from '@piranha-ts/heartbeat';
import { actions, activeNode, logs, node, timers } from './helpers.js';

const hear = (state: PulseState, message: 'running' | 'stopped' | 'stop-me' | 'hold' | 'held') =>
  step(state, { type: 'heartbeat', message, channel: 'public' }, 1000);

describe('valid running from the partner', () => {
  test('backup, active: one more heartbeat, then deactivate', () => {
    const result = hear(activeNode({ role: 'backup', privateChannel: true }), 'running');
    expect(logs(result)).toEqual(['partner active: deactivating LVS']);
    expect(actions(result)).toEqual([
      { kind: 'send-heartbeat', channel: 'public', message: 'running' },
      { kind: 'send-heartbeat', channel: 'private', message: 'running' },
      { kind: 'stop-lvsd' },
      { kind: 'release-addresses' },
    ]);
    expect(result.state).toMatchObject({ active: false, lvsdRunning: false });
  });

  test('backup, active: the last heartbeat goes out before the log line and the stop', () => {
    const kinds = hear(activeNode({ role: 'backup' }), 'running').effects.map((e) =>
      e.kind === 'log' ? e.message : e.kind,
    );
    expect(kinds.indexOf('send-heartbeat')).toBeLessThan(
      kinds.indexOf('partner active: deactivating LVS'),
    );
  });

  test('backup, active, with commands: inactive_cmd and the sync daemon as backup', () => {
    const state = activeNode({ role: 'backup', inactiveCmd: '/bin/down x', syncDaemon: true });
    expect(actions(hear(state, 'running'))).toEqual([
      { kind: 'send-heartbeat', channel: 'public', message: 'running' },
      { kind: 'run-command', which: 'inactive_cmd', command: '/bin/down x' },
      { kind: 'sync-daemon', state: 'backup' },
      { kind: 'stop-lvsd' },
      { kind: 'release-addresses' },
    ]);
  });

  test('master, active: re-runs active_cmd and re-announces every address', () => {
    const result = hear(activeNode({ activeCmd: '/bin/up' }), 'running');
    expect(logs(result)).toEqual(['partner active: resending arps']);
    expect(actions(result)).toEqual([
      { kind: 'run-command', which: 'active_cmd', command: '/bin/up' },
      { kind: 'announce-addresses' },
    ]);
    expect(result.state.active).toBe(true);
  });

  test.each(['master', 'backup'] as const)('%s, inactive: nothing', (role) => {
    const result = hear(node({ role }), 'running');
    expect(logs(result)).toEqual([]);
    expect(actions(result)).toEqual([]);
    expect(result.state.active).toBe(false);
  });

  test('clears CHILDFAIL', () => {
    expect(hear(node({}, { childFail: true }), 'running').state.childFail).toBe(false);
  });
});

describe('valid stopped from the partner', () => {
  test('master, inactive: backup inactive, activate', () => {
    const result = hear(node({ activeCmd: '/bin/up', syncDaemon: true }), 'stopped');
    expect(logs(result)).toEqual(['backup inactive: activating lvs']);
    expect(actions(result)).toEqual([
      { kind: 'run-command', which: 'active_cmd', command: '/bin/up' },
      { kind: 'start-lvsd' },
      { kind: 'announce-addresses' },
      { kind: 'sync-daemon', state: 'master' },
    ]);
    expect(result.state).toMatchObject({ active: true, lvsdRunning: true });
  });

  test('backup, inactive: primary inactive, activate (V08)', () => {
    const result = hear(node({ role: 'backup' }), 'stopped');
    expect(logs(result)).toEqual(['primary inactive: activating lvs']);
    expect(actions(result)).toEqual([{ kind: 'start-lvsd' }, { kind: 'announce-addresses' }]);
    expect(result.state.active).toBe(true);
  });

  test.each(['master', 'backup'] as const)('%s, active: nothing', (role) => {
    const result = hear(activeNode({ role }), 'stopped');
    expect(logs(result)).toEqual([]);
    expect(actions(result)).toEqual([]);
  });

  test.each([
    ['LINKFAIL', { linkFail: true }],
    ['CHILDFAIL', { childFail: true }],
  ])('inactive with %s: nothing', (_flag, patch) => {
    for (const role of ['master', 'backup'] as const) {
      const result = hear(node({ role }, patch), 'stopped');
      expect(actions(result)).toEqual([]);
      expect(result.state.active).toBe(false);
    }
  });
});

describe('stop-me (sent only by FOS nodes)', () => {
  test('master, active: told to go inactive', () => {
    const result = hear(activeNode(), 'stop-me');
    expect(logs(result)).toEqual(['PARTNER HAS TOLD US TO GO INACTIVE!']);
    expect(actions(result)).toEqual([{ kind: 'stop-lvsd' }, { kind: 'release-addresses' }]);
    expect(result.state.active).toBe(false);
  });

  test('backup, active: counts as running, so the backup steps down', () => {
    const result = hear(activeNode({ role: 'backup' }), 'stop-me');
    expect(logs(result)).toEqual(['partner active: deactivating LVS']);
    expect(result.state.active).toBe(false);
  });

  test('inactive: counts as running (clears CHILDFAIL), nothing else', () => {
    const result = hear(node({}, { childFail: true }), 'stop-me');
    expect(actions(result)).toEqual([]);
    expect(result.state.childFail).toBe(false);
  });
});

describe.each(['hold', 'held'] as const)('%s (defined, never acted on)', (message) => {
  test('only pushes the deadline', () => {
    for (const state of [node(), activeNode({ role: 'backup' })]) {
      const result = hear(state, message);
      expect(actions(result)).toEqual([]);
      expect(result.state.needAt).toBe(6000);
    }
  });
});

describe('every valid heartbeat', () => {
  test('re-arms the need timer at deadtime and records the channel', () => {
    const result = step(
      node(),
      { type: 'heartbeat', message: 'running', channel: 'private' },
      1234,
    );
    expect(timers(result)).toEqual([{ kind: 'arm-timer', timer: 'need', delayMs: 5000 }]);
    expect(result.state.needAt).toBe(6234);
    expect(result.state.lastHeard).toEqual({ private: 1234 });
  });

  test('logs the -v line', () => {
    expect(hear(node(), 'running').effects[0]).toEqual({
      kind: 'log',
      level: 'debug',
      message: 'Received Heartbeat from partner',
    });
  });
});

describe('partner-dead deadline expired', () => {
  const expire = (state: PulseState) => step(state, { type: 'timer', timer: 'need' }, 5000);

  test.each(['master', 'backup'] as const)('%s, inactive: partner dead, activate', (role) => {
    const result = expire(node({ role }));
    expect(logs(result)).toEqual(['partner dead: activating lvs']);
    expect(actions(result)).toEqual([{ kind: 'start-lvsd' }, { kind: 'announce-addresses' }]);
    expect(result.state.active).toBe(true);
  });

  test('active: nothing but the next deadline', () => {
    const result = expire(activeNode());
    expect(logs(result)).toEqual([]);
    expect(actions(result)).toEqual([]);
    expect(timers(result)).toEqual([{ kind: 'arm-timer', timer: 'need', delayMs: 5000 }]);
    expect(result.state.needAt).toBe(10000);
  });

  test.each([
    ['LINKFAIL', { linkFail: true }],
    ['CHILDFAIL', { childFail: true }],
  ])('inactive with %s: suppressed, re-armed', (_flag, patch) => {
    const result = expire(node({}, patch));
    expect(actions(result)).toEqual([]);
    expect(result.state.active).toBe(false);
    expect(timers(result)).toEqual([{ kind: 'arm-timer', timer: 'need', delayMs: 5000 }]);
  });

  test('repeats every deadtime while the partner stays silent', () => {
    let state = node({}, { linkFail: true });
    for (const t of [5000, 10000, 15000]) {
      const result = step(state, { type: 'timer', timer: 'need' }, t);
      expect(result.state.needAt).toBe(t + 5000);
      state = result.state;
    }
  });
});
