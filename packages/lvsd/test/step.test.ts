import { parseLvsCf, type LvsConfig, type SourceIndex } from '@piranha-ts/config';
import { start, step, type LvsdEffect, type LvsdState } from '../src/step.js';

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

function started(text = BASE, clear = false): { state: LvsdState; effects: readonly LvsdEffect[] } {
  const { config, source } = parse(text);
  const result = start('lvs.cf', config, source, clear);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.result;
}

const kinds = (effects: readonly LvsdEffect[]) => effects.map((e) => e.kind);

test('start: log each active service, then reconcile the full table', () => {
  const { state, effects } = started();
  expect(effects[0]).toEqual({
    kind: 'log',
    level: 'info',
    message: 'starting virtual service web active: 80',
  });
  expect(effects[1]).toMatchObject({ kind: 'reconcile', reason: 'start' });
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
