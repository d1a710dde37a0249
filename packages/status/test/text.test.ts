import type { LvsdStatus } from '@piranha-ts/protocol';
import type { StatusAnswers } from '../src/answers.js';
import { formatAge, statusText } from '../src/text.js';
import { bothAnswer, lvsdStatus, nothingRuns, NOW_MS, pulseStatus } from './fixtures.js';

test('an active router: pulse, lvsd, the table and the nannies', () => {
  expect(statusText(bothAnswer, NOW_MS)).toBe(
    [
      'pulse: pid 4242',
      '  role                master',
      '  state               active',
      '  failures            none',
      '  partner last heard  0.4 s ago',
      '  lvsd pid            4250',
      '  VIPs held           203.0.113.100 192.0.2.254',
      'lvsd: pid 4250',
      '  configuration  /etc/sysconfig/ha/lvs.cf',
      '  kernel table   in sync at the last reconcile, 3.0 s ago',
      '',
      'web: -t 203.0.113.100:80 wlc',
      '  SERVER  ADDRESS           WEIGHT  HEALTH   TABLE',
      '  www1    198.51.100.10:80  2       up       2',
      '  www2    198.51.100.11:80  1       down     -',
      '  www3    198.51.100.12:80  1       unknown  -',
      '',
      'NANNY GROUP  PID   MONITORS',
      'g0           4260  3',
      'g1           -     0',
    ].join('\n'),
  );
});

test('a backup router: failures, a partner never heard, no lvsd', () => {
  const answers: StatusAnswers = {
    pulse: {
      kind: 'answered',
      status: {
        ...pulseStatus,
        role: 'backup',
        state: 'inactive',
        failures: ['link', 'child'],
        partnerLastHeardMs: null,
        lvsdPid: null,
        vips: [],
      },
    },
    lvsd: { kind: 'not-running' },
  };
  const text = statusText(answers, NOW_MS);
  expect(text).toContain('  failures            link child\n');
  expect(text).toContain('  partner last heard  never\n');
  expect(text).toContain('  lvsd pid            none\n');
  expect(text).toContain('  VIPs held           none\n');
  expect(text.split('\n').at(-1)).toBe('lvsd: not running');
});

test('nothing running, and a daemon that answered badly', () => {
  expect(statusText(nothingRuns, NOW_MS)).toBe('pulse: not running\nlvsd: not running');
  const failed: StatusAnswers = {
    pulse: { kind: 'failed', message: 'pulse is starting' },
    lvsd: { kind: 'failed', message: '/run/lvsd.sock: no reply in time' },
  };
  expect(statusText(failed, NOW_MS)).toBe(
    'pulse: no answer: pulse is starting\nlvsd: no answer: /run/lvsd.sock: no reply in time',
  );
});

test('lvsd without services or nannies, out of sync, never reconciled', () => {
  const bare: LvsdStatus = { ...lvsdStatus, services: [], nannies: [], inSync: false };
  const text = (lvsd: LvsdStatus) =>
    statusText({ pulse: nothingRuns.pulse, lvsd: { kind: 'answered', status: lvsd } }, NOW_MS);
  expect(text(bare)).toContain('kernel table   NOT in sync at the last reconcile, 3.0 s ago');
  expect(text(bare)).toContain('\nno virtual services\n\nno nanny processes');
  expect(text({ ...bare, lastReconcileMs: null })).toContain('kernel table   not reconciled yet');
  const empty = { ...lvsdStatus, services: [{ ...lvsdStatus.services[0]!, servers: [] }] };
  expect(text(empty)).toContain('web: -t 203.0.113.100:80 wlc\n  no real servers\n');
});

test.each([
  [0, '0.0 s'],
  [400, '0.4 s'],
  [9_949, '9.9 s'],
  [12_400, '12 s'],
  [-5, '0.0 s'],
])('formatAge(%d) is %s', (ms, text) => {
  expect(formatAge(ms)).toBe(text);
});
