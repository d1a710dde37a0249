import { parseLvsCf, type LvsConfig, type SourceIndex } from '@piranha-ts/config';
import { start, step, type LvsdEffect, type LvsdState, type MonitorPolicy } from '../src/step.js';

const ASSUME_UP: MonitorPolicy = {
  assumeUp: true,
  verbose: false,
  foreground: false,
  perProcess: 1000,
};

function parse(text: string): { config: LvsConfig; source: SourceIndex } {
  const result = parseLvsCf(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result;
}

const BASE = `primary = 192.0.2.2
virtual web {
    active = 1
    address = 192.0.2.80 eth0:1
    server a {
        address = 198.51.100.11
        active = 1
        weight = 3
    }
}
`;

function started(
  text = BASE,
  clear = false,
  policy = ASSUME_UP,
): { state: LvsdState; effects: readonly LvsdEffect[] } {
  const { config, source } = parse(text);
  const result = start({
    file: 'lvs.cf',
    config,
    source,
    clearTable: clear,
    policy,
    standby: false,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.result;
}

const kinds = (effects: readonly LvsdEffect[]) => effects.map((e) => e.kind);

test('start: log each active service, then reconcile the full table', () => {
  const { state, effects } = started();
  expect(effects[0]).toEqual({ kind: 'set-timeouts', args: ['--set', '0', '0', '0'] });
  expect(effects[1]).toEqual({
    kind: 'log',
    level: 'info',
    message: 'starting virtual service web active: 80',
  });
  expect(effects[2]).toMatchObject({ kind: 'reconcile', reason: 'start' });
  expect(state.desired.services[0]?.destinations).toMatchObject([
    { address: '198.51.100.11', weight: 3 },
  ]);
});

test('start: timeouts and the optional clear come first', () => {
  const { effects } = started(`tcp_timeout = 900\n${BASE}`, true);
  expect(kinds(effects)).toEqual(['set-timeouts', 'clear-table', 'log', 'reconcile']);
  expect(effects[0]).toEqual({ kind: 'set-timeouts', args: ['--set', '900', '0', '0'] });
});

test('a reload with a changed weight reconciles towards the new table', () => {
  const { state } = started();
  const { config, source } = parse(BASE.replace('weight = 3', 'weight = 5'));
  const next = step(state, { type: 'reload', loaded: { ok: true, config, source, warnings: [] } });
  expect(kinds(next.effects)).toEqual(['log', 'reconcile']);
  expect(next.state.desired.services[0]?.destinations[0]?.weight).toBe(5);
});

test('a reload of a broken file logs every error and keeps the running configuration', () => {
  const { state } = started();
  const report = [
    'lvsd: error parsing lvs.cf on line 3 (1 error):',
    'lvs.cf:3:14: active: expected 0 or 1, got "2"',
  ];
  const next = step(state, { type: 'reload', loaded: { ok: false, report } });
  expect(next.state).toBe(state);
  expect(next.effects.map((e) => (e.kind === 'log' ? e.message : e.kind))).toEqual([
    'rereading configuration file',
    ...report,
    'configuration not reloaded; the running configuration stays in force',
  ]);
});

test('a reload that changes the timeouts runs --set', () => {
  const { state } = started(`tcp_timeout = 900\n${BASE}`);
  const { config, source } = parse(`tcp_timeout = 600\n${BASE}`);
  const next = step(state, {
    type: 'reload',
    loaded: { ok: true, config, source, warnings: ['w'] },
  });
  expect(kinds(next.effects)).toEqual(['log', 'log', 'set-timeouts', 'reconcile']);
});

test('the timer reconciles against the current desired table', () => {
  const { state } = started();
  expect(step(state, { type: 'tick' }).effects).toEqual([
    { kind: 'reconcile', desired: state.desired, reason: 'tick' },
  ]);
});

test('terminate removes what lvsd manages and exits 0; later events are ignored', () => {
  const { state } = started();
  const next = step(state, { type: 'terminate', signal: 15 });
  expect(next.effects).toEqual([
    { kind: 'log', level: 'info', message: 'shutting down due to signal 15' },
    { kind: 'log', level: 'info', message: 'shutting down virtual service web' },
    { kind: 'remove-services', managed: state.desired },
    { kind: 'exit', code: 0 },
  ]);
  expect(step(next.state, { type: 'tick' }).effects).toEqual([]);
});

describe('with health monitors', () => {
  const MONITORED: MonitorPolicy = { ...ASSUME_UP, assumeUp: false };
  const TWO = BASE.replace(
    '    }\n}',
    '    }\n    server b {\n        address = 198.51.100.12\n        active = 1\n    }\n}',
  );
  const ID_A = 'tcp:192.0.2.80:80/198.51.100.11:80';
  const ID_B = 'tcp:192.0.2.80:80/198.51.100.12:80';
  const up = { up: true, weight: null };
  const destinations = (state: LvsdState) =>
    state.desired.services[0]?.destinations.map((d) => `${d.address}:${d.weight}`);

  test('start runs one nanny group and leaves servers out until their monitor reports', () => {
    const { state, effects } = started(TWO, false, MONITORED);
    expect(destinations(state)).toEqual([]);
    const run = effects.find((e) => e.kind === 'run-monitors');
    expect(run).toMatchObject({ groups: [{ name: 'nanny0' }] });
    if (run?.kind !== 'run-monitors') throw new Error('no run-monitors');
    expect(run.groups[0]?.monitors.map((m) => m.id)).toEqual([ID_A, ID_B]);
  });

  test('an up report adds the server at its configured weight; a repeat costs nothing', () => {
    const { state } = started(TWO, false, MONITORED);
    const first = step(state, { type: 'health', id: ID_A, health: up });
    expect(kinds(first.effects)).toEqual(['log', 'reconcile']);
    expect(first.effects[0]).toMatchObject({ message: `monitor web/a (${ID_A}) reports up` });
    expect(destinations(first.state)).toEqual(['198.51.100.11:3']);
    const again = step(first.state, { type: 'health', id: ID_A, health: up });
    expect(again.effects).toEqual([]);
  });

  test('a load-adjusted weight replaces the configured one; down removes the server', () => {
    const { state } = started(TWO, false, MONITORED);
    const weighted = step(state, {
      type: 'health',
      id: ID_B,
      health: { up: true, weight: 7, reason: 'load 0.2' },
    });
    expect(weighted.effects[0]).toMatchObject({
      level: 'info',
      message: `monitor web/b (${ID_B}) reports up weight 7: load 0.2`,
    });
    expect(destinations(weighted.state)).toEqual(['198.51.100.12:7']);
    const down = step(weighted.state, {
      type: 'health',
      id: ID_B,
      health: { up: false, weight: null },
    });
    expect(destinations(down.state)).toEqual([]);
  });

  test('a burst of reports (a full resend) costs one reconcile; unchanged ones say nothing', () => {
    const { state } = started(TWO, false, MONITORED);
    const burst = step(state, {
      type: 'health-batch',
      reports: [
        { id: ID_A, health: up },
        { id: ID_B, health: up },
        { id: 'tcp:192.0.2.80:80/198.51.100.99:80', health: up },
      ],
    });
    expect(kinds(burst.effects)).toEqual(['log', 'log', 'reconcile']);
    expect(destinations(burst.state)).toEqual(['198.51.100.11:3', '198.51.100.12:1']);
    const resend = step(burst.state, {
      type: 'health-batch',
      reports: [
        { id: ID_A, health: up },
        { id: ID_B, health: up },
      ],
    });
    expect(resend.effects).toEqual([]);
  });

  test('a report for a monitor the configuration no longer has is ignored', () => {
    const { state } = started(BASE, false, MONITORED);
    expect(step(state, { type: 'health', id: ID_B, health: up }).effects).toEqual([]);
  });

  test('a reload keeps what surviving monitors said and forgets removed ones', () => {
    const first = step(started(TWO, false, MONITORED).state, {
      type: 'health',
      id: ID_A,
      health: up,
    });
    const second = step(first.state, { type: 'health', id: ID_B, health: up });
    const { config, source } = parse(TWO.replace('198.51.100.12', '198.51.100.13'));
    const next = step(second.state, {
      type: 'reload',
      loaded: { ok: true, config, source, warnings: [] },
    });
    expect(destinations(next.state)).toEqual(['198.51.100.11:3']);
    expect([...next.state.health.keys()]).toEqual([ID_A]);
    expect(kinds(next.effects)).toContain('run-monitors');
  });

  test('a dead nanny shuts lvsd down with hard_shutdown = 1, the original wording', () => {
    const { state, effects } = started(TWO, false, MONITORED);
    const run = effects.find((e) => e.kind === 'run-monitors');
    if (run?.kind !== 'run-monitors' || run.groups[0] === undefined) throw new Error('no group');
    const died = step(state, { type: 'monitor-exit', group: run.groups[0], how: 'killed' });
    expect(died.effects).toContainEqual({
      kind: 'log',
      level: 'error',
      message: 'nanny for child web/a died! shutting down lvs',
    });
    expect(kinds(died.effects).slice(-3)).toEqual(['remove-services', 'run-monitors', 'exit']);
  });

  test('with hard_shutdown = 0 the group is restarted instead', () => {
    const { state, effects } = started(`hard_shutdown = 0\n${TWO}`, false, MONITORED);
    const run = effects.find((e) => e.kind === 'run-monitors');
    if (run?.kind !== 'run-monitors' || run.groups[0] === undefined) throw new Error('no group');
    const died = step(state, { type: 'monitor-exit', group: run.groups[0], how: 'killed' });
    expect(died.effects).toContainEqual({
      kind: 'log',
      level: 'error',
      message: 'nanny for child web/b died! restarting it',
    });
    expect(kinds(died.effects)).toContain('restart-monitors');
    expect(kinds(died.effects)).not.toContain('exit');
  });
});

describe('standby (--standby)', () => {
  const MONITORED: MonitorPolicy = { ...ASSUME_UP, assumeUp: false };
  const ID = 'tcp:192.0.2.80:80/198.51.100.11:80';

  function standing() {
    const { config, source } = parse(BASE);
    const result = start({
      file: 'lvs.cf',
      config,
      source,
      clearTable: true,
      policy: MONITORED,
      standby: true,
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    return result.result;
  }

  test('programs the table as an active lvsd would, and says it stands by', () => {
    const { state, effects } = standing();
    expect(state.active).toBe(false);
    expect(effects[0]).toMatchObject({
      kind: 'log',
      message: expect.stringMatching(/^standing by/),
    });
    expect(kinds(effects)).toEqual(
      expect.arrayContaining(['clear-table', 'reconcile', 'run-monitors']),
    );
  });

  test('health reports reach the table in standby too', () => {
    const { state } = standing();
    const next = step(state, { type: 'health', id: ID, health: { up: true, weight: null } });
    expect(kinds(next.effects)).toEqual(['log', 'reconcile']);
    expect(next.state.desired.services[0]?.destinations).toHaveLength(1);
    expect(kinds(step(next.state, { type: 'tick' }).effects)).toEqual(['reconcile']);
  });

  test('activate and standby change what lvsd says, not the table', () => {
    const { state } = standing();
    const active = step(state, { type: 'activate' });
    expect(kinds(active.effects)).toEqual(['log']);
    expect(active.state.active).toBe(true);
    expect(step(active.state, { type: 'activate' }).effects).toEqual([]);
    const back = step(active.state, { type: 'standby' });
    expect(kinds(back.effects)).toEqual(['log']);
    expect(back.state.active).toBe(false);
    expect(step(back.state, { type: 'standby' }).effects).toEqual([]);
  });

  test('SIGTERM in standby stops the monitors and removes the services it programmed', () => {
    const { state } = standing();
    const stopped = step(state, { type: 'terminate', signal: 15 });
    expect(kinds(stopped.effects)).toEqual(
      expect.arrayContaining(['remove-services', 'run-monitors', 'exit']),
    );
  });
});
