import { start, type PulseOptions } from '@piranha-ts/heartbeat';
import { describeStatus, pulseStatus } from '../src/status.js';

const OPTIONS: PulseOptions = {
  role: 'master',
  backupActive: true,
  privateChannel: true,
  keepalive: 2,
  deadtime: 5,
  forceActive: false,
  monitorLinks: true,
  syncDaemon: false,
  activeCmd: undefined,
  inactiveCmd: undefined,
};

test('a fresh inactive master that has heard nothing', () => {
  const { state } = start(OPTIONS, 0);
  expect(pulseStatus({ pid: 9, state, nowMs: 10, lvsdPid: undefined, vips: [] })).toEqual({
    v: 1,
    type: 'pulse-status',
    pid: 9,
    role: 'master',
    state: 'inactive',
    failures: [],
    partnerLastHeardMs: null,
    lvsdPid: null,
    vips: [],
  });
});

test('active, both failure flags, the most recent heartbeat of either channel', () => {
  const { state } = start(OPTIONS, 0);
  const busy = {
    ...state,
    active: true,
    linkFail: true,
    childFail: true,
    lastHeard: { public: 1000, private: 1800.4 },
  };
  expect(
    pulseStatus({ pid: 9, state: busy, nowMs: 2000, lvsdPid: 321, vips: ['203.0.113.100'] }),
  ).toMatchObject({
    state: 'active',
    failures: ['link', 'child'],
    partnerLastHeardMs: 200,
    lvsdPid: 321,
    vips: ['203.0.113.100'],
  });
});

test('pulse --status prints one line per fact', () => {
  const { state } = start(OPTIONS, 0);
  const status = pulseStatus({ pid: 9, state, nowMs: 10, lvsdPid: undefined, vips: [] });
  expect(describeStatus(status)).toBe(
    [
      'role: master',
      'state: inactive',
      'failures: none',
      'partner last heard: never',
      'lvsd pid: none',
      'addresses held: none',
    ].join('\n'),
  );
  const busy = { ...status, failures: ['link', 'child'] as const, partnerLastHeardMs: 40 };
  expect(describeStatus({ ...busy, lvsdPid: 7, vips: ['203.0.113.100', '10.0.0.254'] })).toBe(
    [
      'role: master',
      'state: inactive',
      'failures: link child',
      'partner last heard: 40 ms ago',
      'lvsd pid: 7',
      'addresses held: 203.0.113.100 10.0.0.254',
    ].join('\n'),
  );
});
