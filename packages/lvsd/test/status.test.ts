import { parseLvsCf } from '@piranha-ts/config';
import { start, step, type MonitorPolicy } from '../src/step.js';
import { lvsdStatus } from '../src/status.js';

const CONFIG = `primary = 192.0.2.2
network = direct
virtual web {
    active = 1
    address = 192.0.2.80 eth0:1
    port = 80
    scheduler = wrr
    server a {
        address = 198.51.100.11
        active = 1
        weight = 3
        port = 8080
    }
    server b {
        address = 198.51.100.12
        active = 1
    }
    server off {
        address = 198.51.100.13
        active = 0
    }
}
virtual marked {
    active = 1
    address = 192.0.2.81 eth0:2
    fwmark = 9
    server c {
        address = 198.51.100.14
        active = 1
    }
}
`;

const POLICY: MonitorPolicy = {
  assumeUp: false,
  verbose: false,
  foreground: false,
  perProcess: 10,
};
const FACTS = {
  pid: 10,
  nannies: [{ group: 'nanny0', pid: 11, monitors: 3 }],
  inSync: true,
  lastReconcileMs: 5,
};

function startedState(policy = POLICY) {
  const parsed = parseLvsCf(CONFIG);
  if (!parsed.ok) throw new Error('bad config');
  const result = start({
    file: 'lvs.cf',
    config: parsed.config,
    source: parsed.source,
    clearTable: false,
    policy,
    standby: false,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.result.state;
}

test('servers are unknown until their monitor reports, then up with the table weight', () => {
  const state = startedState();
  const before = lvsdStatus(state, FACTS);
  expect(before.services.map((s) => [s.name, s.service, s.scheduler])).toEqual([
    ['web', '-t 192.0.2.80:80', 'wrr'],
    ['marked', '-f 9', 'wlc'],
  ]);
  expect(before.services[0]?.servers.map((s) => [s.name, s.health, s.weight])).toEqual([
    ['a', 'unknown', null],
    ['b', 'unknown', null],
  ]);
  const up = step(state, {
    type: 'health',
    id: 'tcp:192.0.2.80:80/198.51.100.11:8080',
    health: { up: true, weight: null },
  }).state;
  const down = step(up, {
    type: 'health',
    id: 'tcp:192.0.2.80:80/198.51.100.12:80',
    health: { up: false, weight: null },
  }).state;
  const after = lvsdStatus(down, FACTS);
  // Direct routing: ipvsadm gives server a the service port, and it is still found.
  expect(after.services[0]?.servers).toEqual([
    {
      name: 'a',
      address: '198.51.100.11:8080',
      configuredWeight: 3,
      health: 'up',
      weight: 3,
      monitor: 'tcp:192.0.2.80:80/198.51.100.11:8080',
    },
    {
      name: 'b',
      address: '198.51.100.12:80',
      configuredWeight: 1,
      health: 'down',
      weight: null,
      monitor: 'tcp:192.0.2.80:80/198.51.100.12:80',
    },
  ]);
  expect(after).toMatchObject({
    pid: 10,
    configFile: 'lvs.cf',
    inSync: true,
    nannies: FACTS.nannies,
  });
});

test('with --assume-up every server is up at its weight and has no monitor', () => {
  const status = lvsdStatus(startedState({ ...POLICY, assumeUp: true }), FACTS);
  expect(status.services[1]?.servers).toEqual([
    {
      name: 'c',
      address: '198.51.100.14:80',
      configuredWeight: 1,
      health: 'up',
      weight: 1,
      monitor: null,
    },
  ]);
});
