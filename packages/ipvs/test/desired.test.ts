import type { LvsConfig } from '@piranha-ts/config';
import {
  allHealthy,
  desiredTable,
  healthKey,
  type HealthView,
  type IpvsTable,
  type ServerHealth,
} from '@piranha-ts/ipvs';
import { dest, lvsConfig, realServer, service, table, virtualServer } from './helpers.js';

function desiredOk(config: LvsConfig, health: HealthView = allHealthy(config)): IpvsTable {
  const result = desiredTable(config, health);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.table;
}

function healthOf(entries: Record<string, ServerHealth>): HealthView {
  return { servers: new Map(Object.entries(entries)) };
}

const up = (weight: number): ServerHealth => ({ up: true, weight, draining: false });
const down: ServerHealth = { up: false, weight: 0, draining: false };

test('an active NAT service with its active server at full weight', () => {
  const config = lvsConfig({
    virtuals: [virtualServer({ servers: [realServer({ weight: 5, port: 8080 })] })],
  });
  expect(desiredOk(config)).toEqual(
    table(service({}, [dest({ weight: 5, port: 8080, forwarding: 'masq' })])),
  );
});

test('inactive virtual servers and inactive real servers are left out', () => {
  const config = lvsConfig({
    virtuals: [
      virtualServer({ name: 'off', active: false }),
      virtualServer({
        servers: [realServer(), realServer({ address: '198.51.100.12', active: false })],
      }),
    ],
  });
  // Health saying an inactive server is up does not bring it in.
  const health = healthOf({ '1/0': up(1), '1/1': up(1), '0/0': up(1) });
  expect(desiredOk(config, health)).toEqual(table(service({}, [dest()])));
  expect(allHealthy(config).servers.has(healthKey(1, 1))).toBe(false);
  expect(allHealthy(config).servers.has(healthKey(0, 0))).toBe(false);
});

test('protocol, scheduler and fwmark choose the service key', () => {
  const config = lvsConfig({
    virtuals: [
      virtualServer({ protocol: 'udp', port: 53, scheduler: 'rr', servers: [] }),
      virtualServer({ fwmark: 21, scheduler: 'sh', servers: [] }),
    ],
  });
  const udp = { kind: 'address', protocol: 'udp', address: '192.0.2.10', port: 53 } as const;
  expect(desiredOk(config)).toEqual(
    table(
      service({ key: udp, scheduler: 'rr' }),
      service({ key: { kind: 'fwmark', mark: 21, family: 'ipv4' }, scheduler: 'sh' }),
    ),
  );
});

test('persistence: -p only when persistent > 0, -M only when set and not /32', () => {
  const persistenceOf = (persistent: number, pmask: string | undefined) => {
    const config = lvsConfig({ virtuals: [virtualServer({ persistent, pmask, servers: [] })] });
    return desiredOk(config).services[0]?.persistence;
  };
  expect(persistenceOf(0, '255.255.255.0')).toBeUndefined();
  expect(persistenceOf(300, undefined)).toEqual({ timeout: 300, netmask: undefined });
  expect(persistenceOf(300, '255.255.255.255')).toEqual({ timeout: 300, netmask: undefined });
  expect(persistenceOf(300, '255.255.255.0')).toEqual({ timeout: 300, netmask: '255.255.255.0' });
});

test('forwarding follows the global network keyword', () => {
  const forwardingOf = (network: LvsConfig['network']) =>
    desiredOk(lvsConfig({ network })).services[0]?.destinations[0]?.forwarding;
  expect(forwardingOf('nat')).toBe('masq');
  expect(forwardingOf('direct')).toBe('gate');
  expect(forwardingOf('tunnel')).toBe('ipip');
});

test('direct routing and tunnels use the service port, except on fwmark services', () => {
  const portOf = (network: LvsConfig['network'], fwmark: number) => {
    const rs = realServer({ port: 8080 });
    const config = lvsConfig({ network, virtuals: [virtualServer({ fwmark, servers: [rs] })] });
    return desiredOk(config).services[0]?.destinations[0]?.port;
  };
  expect(portOf('nat', 0)).toBe(8080);
  expect(portOf('direct', 0)).toBe(80);
  expect(portOf('tunnel', 0)).toBe(80);
  expect(portOf('direct', 21)).toBe(8080);
  expect(portOf('tunnel', 21)).toBe(8080);
});

describe('health', () => {
  const config = (quiesceServer: boolean) =>
    lvsConfig({
      virtuals: [
        virtualServer({
          quiesceServer,
          servers: [realServer({ weight: 10 }), realServer({ address: '198.51.100.12' })],
        }),
      ],
    });

  test('the current weight of an up server is used', () => {
    const health = healthOf({ '0/0': up(3), '0/1': up(1) });
    expect(desiredOk(config(false), health).services[0]?.destinations).toEqual([
      dest({ weight: 3 }),
      dest({ address: '198.51.100.12' }),
    ]);
  });

  test('a down server is removed', () => {
    const health = healthOf({ '0/0': down, '0/1': up(1) });
    expect(desiredOk(config(false), health).services[0]?.destinations).toEqual([
      dest({ address: '198.51.100.12' }),
    ]);
  });

  test('a down server of a quiesce_server service stays at weight 0', () => {
    const health = healthOf({ '0/0': down, '0/1': up(1) });
    expect(desiredOk(config(true), health).services[0]?.destinations).toEqual([
      dest({ weight: 0 }),
      dest({ address: '198.51.100.12' }),
    ]);
  });

  test('a server not checked yet is left out, even with quiesce_server', () => {
    const health = healthOf({ '0/1': up(1) });
    expect(desiredOk(config(true), health).services[0]?.destinations).toEqual([
      dest({ address: '198.51.100.12' }),
    ]);
  });

  test('a draining server stays at weight 0', () => {
    const health = healthOf({ '0/0': { up: true, weight: 10, draining: true }, '0/1': up(1) });
    expect(desiredOk(config(false), health).services[0]?.destinations).toEqual([
      dest({ weight: 0 }),
      dest({ address: '198.51.100.12' }),
    ]);
  });
});

describe('sorry server', () => {
  const config = (network: LvsConfig['network'] = 'nat') =>
    lvsConfig({
      network,
      virtuals: [
        virtualServer({
          sorryServer: '198.51.100.99',
          quiesceServer: true,
          servers: [realServer({ port: 8080 })],
        }),
      ],
    });
  const sorry = dest({ address: '198.51.100.99', port: 80, weight: 1 });

  test('joins at weight 1 on the service port when no real server is up', () => {
    expect(desiredOk(config(), healthOf({ '0/0': down })).services[0]?.destinations).toEqual([
      dest({ port: 8080, weight: 0 }),
      sorry,
    ]);
    expect(desiredOk(config(), healthOf({})).services[0]?.destinations).toEqual([sorry]);
  });

  test('uses the forwarding method of the network', () => {
    const dests = desiredOk(config('direct'), healthOf({})).services[0]?.destinations;
    expect(dests).toEqual([{ ...sorry, forwarding: 'gate' }]);
  });

  test('leaves when a real server is up', () => {
    expect(desiredOk(config(), healthOf({ '0/0': up(1) })).services[0]?.destinations).toEqual([
      dest({ port: 8080 }),
    ]);
  });

  test('stays while every real server drains', () => {
    const health = healthOf({ '0/0': { up: true, weight: 1, draining: true } });
    expect(desiredOk(config(), health).services[0]?.destinations).toEqual([
      dest({ port: 8080, weight: 0 }),
      sorry,
    ]);
  });
});

test('blocks sharing a fwmark make one service with their servers merged', () => {
  const http = virtualServer({
    name: 'http',
    fwmark: 80,
    persistent: 300,
    servers: [realServer({ port: 80 }), realServer({ address: '198.51.100.12', port: 80 })],
  });
  const https = virtualServer({
    name: 'https',
    port: 443,
    fwmark: 80,
    persistent: 300,
    scheduler: 'rr',
    servers: [realServer({ port: 443 }), realServer({ port: 80, weight: 7 })],
  });
  const result = desiredOk(lvsConfig({ network: 'direct', virtuals: [http, https] }));
  expect(result).toEqual(
    table(
      service(
        {
          key: { kind: 'fwmark', mark: 80, family: 'ipv4' },
          persistence: { timeout: 300, netmask: undefined },
        },
        [
          dest({ forwarding: 'gate' }),
          dest({ address: '198.51.100.12', forwarding: 'gate' }),
          dest({ port: 443, forwarding: 'gate' }),
        ],
      ),
    ),
  );
});

test('a duplicate destination keeps the serving occurrence', () => {
  const a = virtualServer({ fwmark: 5, quiesceServer: true, servers: [realServer()] });
  const b = virtualServer({ fwmark: 5, servers: [realServer({ weight: 4 })] });
  const health = healthOf({ '0/0': down, '1/0': up(4) });
  const result = desiredOk(lvsConfig({ virtuals: [a, b] }), health);
  expect(result.services[0]?.destinations).toEqual([dest({ weight: 4 })]);
});

test('addresses must be resolved dotted quads', () => {
  const config = lvsConfig({
    virtuals: [
      virtualServer({
        address: { address: 'www.example.com', device: 'eth0:1' },
        servers: [realServer()],
      }),
      virtualServer({
        port: 443,
        address: undefined,
        sorryServer: 'sorry.example.com',
        servers: [
          realServer({ address: 'rs1.example.com' }),
          realServer({ address: '0.0.0.0' }),
          realServer({ weight: 70000 }),
        ],
      }),
      virtualServer({ port: 8080, persistent: 60, pmask: 'bogus', servers: [] }),
    ],
  });
  const result = desiredTable(config, allHealthy(config));
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.map((e) => [e.code, e.path])).toEqual([
    ['unresolved-address', 'virtual[0].address'],
    ['missing-address', 'virtual[1].address'],
    ['invalid-netmask', 'virtual[2].pmask'],
  ]);
});

test('real server and sorry server addresses are checked too', () => {
  const config = lvsConfig({
    virtuals: [
      virtualServer({
        sorryServer: 'sorry.example.com',
        servers: [
          realServer({ address: 'rs1.example.com' }),
          realServer({ address: '0.0.0.0' }),
          realServer({ weight: 70000 }),
        ],
      }),
    ],
  });
  const result = desiredTable(config, allHealthy(config));
  if (result.ok) throw new Error('expected errors');
  expect(result.errors.map((e) => [e.code, e.path])).toEqual([
    ['unresolved-address', 'virtual[0].server[0].address'],
    ['missing-address', 'virtual[0].server[1].address'],
    ['invalid-weight', 'virtual[0].server[2].weight'],
    ['unresolved-address', 'virtual[0].sorry_server'],
  ]);
});

test('a fwmark service needs no VIP', () => {
  const config = lvsConfig({ virtuals: [virtualServer({ fwmark: 3, address: undefined })] });
  expect(desiredOk(config).services).toHaveLength(1);
});
