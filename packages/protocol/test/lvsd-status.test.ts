import { decodeFromLvsdStatus, decodeToLvsd } from '../src/index.js';

const STATUS = {
  v: 1,
  type: 'lvsd-status',
  pid: 42,
  configFile: '/etc/sysconfig/ha/lvs.cf',
  services: [
    {
      name: 'web',
      service: '-t 192.0.2.10:80',
      scheduler: 'wlc',
      servers: [
        {
          name: 'rs1',
          address: '198.51.100.11:80',
          configuredWeight: 3,
          health: 'up',
          weight: 3,
          monitor: 'tcp:192.0.2.10:80/198.51.100.11:80',
        },
      ],
    },
  ],
  nannies: [{ group: 'nanny0', pid: 43, monitors: 1 }],
  inSync: true,
  lastReconcileMs: 1_700_000_000_000,
};

test('lvsd socket: a status request and every nanny message decode', () => {
  expect(decodeToLvsd({ v: 1, type: 'status-request' })).toEqual({
    ok: true,
    value: { v: 1, type: 'status-request' },
  });
  expect(decodeToLvsd({ v: 1, type: 'hello', pid: 7, group: 'nanny0' })).toMatchObject({
    ok: true,
  });
  expect(decodeToLvsd({ v: 1, type: 'status', reports: [] })).toMatchObject({ ok: true });
  expect(decodeToLvsd({ v: 1, type: 'activate' })).toEqual({
    ok: true,
    value: { v: 1, type: 'activate' },
  });
  expect(decodeToLvsd({ v: 1, type: 'standby' })).toMatchObject({ ok: true });
  expect(decodeToLvsd({ v: 1, type: 'reboot' })).toMatchObject({
    ok: false,
    error: { code: 'unknown-type' },
  });
});

test('an lvsd status round-trips, and a wrong field is named', () => {
  expect(decodeFromLvsdStatus(STATUS)).toEqual({ ok: true, value: STATUS });
  const broken = { ...STATUS, inSync: 'yes' };
  expect(decodeFromLvsdStatus(broken)).toMatchObject({ ok: false, error: { field: 'inSync' } });
  const badHealth = structuredClone(STATUS);
  (badHealth.services[0]?.servers[0] as { health: string }).health = 'sick';
  expect(decodeFromLvsdStatus(badHealth)).toMatchObject({
    ok: false,
    error: { field: 'services[0].servers[0].health' },
  });
});
