// fast-check generators of valid lvs.cf models, for round-trip properties.
import fc from 'fast-check';
import {
  SCHEDULERS,
  isWritableString,
  type FailoverService,
  type LvsConfig,
  type RealServer,
  type VirtualServer,
} from '@piranha-ts/config';

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const word = fc.stringMatching(/^[A-Za-z0-9_/.-]{1,12}$/);
const name = fc.stringMatching(/^[A-Za-z0-9_.[\]-]{1,12}$/).filter((n) => n !== '[' && n !== ']');
const text = fc
  .string({ unit: fc.constantFrom(...' abcXYZ019/%\\"\'#=_{}[]-.:'.split('')), maxLength: 24 })
  .filter(isWritableString);
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const nonZeroIPv4 = ipv4.filter((a) => a !== '0.0.0.0');
const host = fc.oneof(ipv4, fc.constantFrom('web1.example', 'localhost', 'db.example.'));
const netmask = fc.integer({ min: 0, max: 32 }).map((bits) => {
  const value = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [24, 16, 8, 0].map((s) => (value >>> s) & 255).join('.');
});
const port = fc.integer({ min: 0, max: 65535 });
const seconds = fc.oneof(
  fc.integer({ min: 1, max: 600 }),
  fc.integer({ min: 1, max: 999 }).map((n) => n / 100),
);
const device = fc.stringMatching(/^eth[0-9](:[0-9]{1,2})?$/);
const addressDevice = fc.record({ address: host, device });
const count = fc.integer({ min: 0, max: 100000 });

const serviceBlock = {
  name,
  active: fc.boolean(),
  address: opt(addressDevice),
  vipNmask: opt(netmask),
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  port,
  send: opt(text),
  expect: opt(text),
  useRegex: fc.boolean(),
  sendProgram: opt(text),
  timeout: fc.integer({ min: 1, max: 3600 }),
  reentry: count,
  startCmd: opt(text),
  stopCmd: opt(text),
};

const realServer: fc.Arbitrary<Omit<RealServer, 'port'> & { port: number | undefined }> = fc.record(
  {
    name,
    address: host,
    active: fc.boolean(),
    weight: fc.integer({ min: 0, max: 65535 }),
    port: opt(port),
  },
);

export const virtualServer: fc.Arbitrary<VirtualServer> = fc
  .record({
    ...serviceBlock,
    kind: fc.constant('virtual' as const),
    sorryServer: opt(ipv4),
    fwmark: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    scheduler: fc.constantFrom(...SCHEDULERS),
    persistent: fc.integer({ min: 0, max: 86400 * 31 }),
    pmask: opt(netmask),
    loadMonitor: opt(fc.constantFrom('uptime', 'rup', 'ruptime', 'none')),
    quiesceServer: fc.boolean(),
    clientMonitor: fc.constantFrom('/usr/sbin/nanny', '/usr/local/sbin/nanny'),
    master: opt(host),
    dirs: opt(fc.array(word, { maxLength: 3 })),
    servers: fc.array(realServer, { maxLength: 4 }),
  })
  .map((vs) => ({ ...vs, servers: vs.servers.map((rs) => ({ ...rs, port: rs.port ?? vs.port })) }));

export const failoverService: fc.Arbitrary<FailoverService> = fc.record({
  ...serviceBlock,
  kind: fc.constant('failover' as const),
});

export const lvsConfig: fc.Arbitrary<LvsConfig> = fc.record({
  serialNo: opt(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  primary: fc.oneof(fc.constant('0.0.0.0'), nonZeroIPv4),
  primaryPrivate: opt(nonZeroIPv4),
  primaryShared: opt(word),
  backup: host,
  backupPrivate: opt(nonZeroIPv4),
  backupShared: opt(word),
  backupActive: fc.boolean(),
  reservationConflictAction: opt(fc.constantFrom('nothing' as const, 'preempt' as const)),
  service: fc.constantFrom('lvs' as const, 'fos' as const),
  heartbeat: fc.boolean(),
  heartbeatPort: port,
  keepalive: seconds,
  deadtime: seconds,
  rshCommand: fc.constantFrom('rsh', 'ssh'),
  network: fc.constantFrom('nat' as const, 'direct' as const, 'tunnel' as const),
  natRouter: opt(addressDevice),
  natNmask: opt(netmask),
  debugLevel: fc.constantFrom('NONE', 'MAX'),
  ipvsadm: fc.constantFrom('/sbin/ipvsadm', '/usr/sbin/ipvsadm'),
  sync: fc.boolean(),
  activeCmd: opt(text),
  inactiveCmd: opt(text),
  monitorLinks: fc.integer({ min: 0, max: 10 }),
  hardShutdown: fc.boolean(),
  syncdaemon: fc.boolean(),
  syncdIface: word,
  syncdId: fc.integer({ min: 0, max: 255 }),
  tcpTimeout: count,
  tcpfinTimeout: count,
  udpTimeout: count,
  virtuals: fc.array(virtualServer, { maxLength: 3 }),
  failovers: fc.array(failoverService, { maxLength: 2 }),
});
