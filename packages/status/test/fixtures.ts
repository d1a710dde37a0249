// One pulse and one lvsd answer as an active router with two real servers would give them.
import type { LvsdStatus, PulseStatus } from '@piranha-ts/protocol';
import type { StatusAnswers } from '../src/answers.js';

export const NOW_MS = 1_700_000_000_000;

export const pulseStatus: PulseStatus = {
  v: 1,
  type: 'pulse-status',
  pid: 4242,
  role: 'master',
  state: 'active',
  failures: [],
  partnerLastHeardMs: 400,
  lvsdPid: 4250,
  vips: ['203.0.113.100', '192.0.2.254'],
};

export const lvsdStatus: LvsdStatus = {
  v: 1,
  type: 'lvsd-status',
  pid: 4250,
  configFile: '/etc/sysconfig/ha/lvs.cf',
  services: [
    {
      name: 'web',
      service: '-t 203.0.113.100:80',
      scheduler: 'wlc',
      servers: [
        {
          name: 'www1',
          address: '198.51.100.10:80',
          configuredWeight: 2,
          health: 'up',
          weight: 2,
          monitor: 'web/www1',
        },
        {
          name: 'www2',
          address: '198.51.100.11:80',
          configuredWeight: 1,
          health: 'down',
          weight: null,
          monitor: 'web/www2',
        },
        {
          name: 'www3',
          address: '198.51.100.12:80',
          configuredWeight: 1,
          health: 'unknown',
          weight: null,
          monitor: 'web/www3',
        },
      ],
    },
  ],
  nannies: [
    { group: 'g0', pid: 4260, monitors: 3 },
    { group: 'g1', pid: null, monitors: 0 },
  ],
  inSync: true,
  lastReconcileMs: NOW_MS - 3_000,
};

export const bothAnswer: StatusAnswers = {
  pulse: { kind: 'answered', status: pulseStatus },
  lvsd: { kind: 'answered', status: lvsdStatus },
};

export const nothingRuns: StatusAnswers = {
  pulse: { kind: 'not-running' },
  lvsd: { kind: 'not-running' },
};
