// When a forced start may take the clients from a serving partner.
import type { LvsdServerStatus, LvsdStatus } from '@piranha-ts/protocol';
import { lvsdReady } from '../src/readiness.js';

const server = (health: LvsdServerStatus['health']): LvsdServerStatus => ({
  name: 'rs',
  address: '198.51.100.11:80',
  configuredWeight: 1,
  health,
  weight: health === 'up' ? 1 : null,
  monitor: 'tcp:192.0.2.10:80/198.51.100.11:80',
});

function status(patch: Partial<LvsdStatus>, healths: LvsdServerStatus['health'][]): LvsdStatus {
  return {
    v: 1,
    type: 'lvsd-status',
    pid: 42,
    configFile: '/etc/sysconfig/ha/lvs.cf',
    services: [
      { name: 'web', service: '-t 192.0.2.10:80', scheduler: 'rr', servers: healths.map(server) },
    ],
    nannies: [],
    inSync: true,
    lastReconcileMs: 1_700_000_000_000,
    ...patch,
  };
}

test('ready: the table matched after a reconcile and every monitor has spoken', () => {
  expect(lvsdReady(status({}, ['up', 'down', 'up']))).toBe(true);
});

test('not ready: a monitor not heard from yet', () => {
  expect(lvsdReady(status({}, ['up', 'unknown']))).toBe(false);
});

test('not ready: no reconcile yet, or the kernel did not match', () => {
  expect(lvsdReady(status({ lastReconcileMs: null }, ['up']))).toBe(false);
  expect(lvsdReady(status({ inSync: false }, ['up']))).toBe(false);
});
