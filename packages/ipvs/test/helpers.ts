// Hand-built configs and tables for the ipvs tests.
import type { LvsConfig, RealServer, VirtualServer } from '@piranha-ts/config';
import type {
  Destination,
  IpvsTable,
  ServiceKey,
  ServiceSettings,
  VirtualService,
} from '@piranha-ts/ipvs';

export function realServer(overrides: Partial<RealServer> = {}): RealServer {
  return {
    name: 'rs',
    address: '198.51.100.11',
    active: true,
    weight: 1,
    port: 80,
    ...overrides,
  };
}

export function virtualServer(overrides: Partial<VirtualServer> = {}): VirtualServer {
  return {
    kind: 'virtual',
    name: 'web',
    active: true,
    address: { address: '192.0.2.10', device: 'eth0:1' },
    vipNmask: undefined,
    protocol: 'tcp',
    port: 80,
    send: undefined,
    expect: undefined,
    useRegex: false,
    sendProgram: undefined,
    timeout: 10,
    reentry: 180,
    startCmd: undefined,
    stopCmd: undefined,
    sorryServer: undefined,
    fwmark: 0,
    scheduler: 'wlc',
    persistent: 0,
    pmask: undefined,
    loadMonitor: undefined,
    quiesceServer: false,
    clientMonitor: '/usr/sbin/nanny',
    master: undefined,
    dirs: undefined,
    servers: [realServer()],
    ...overrides,
  };
}

export function lvsConfig(overrides: Partial<LvsConfig> = {}): LvsConfig {
  return {
    serialNo: undefined,
    primary: '203.0.113.1',
    primaryPrivate: undefined,
    primaryShared: undefined,
    backup: '203.0.113.2',
    backupPrivate: undefined,
    backupShared: undefined,
    backupActive: true,
    reservationConflictAction: undefined,
    service: 'lvs',
    heartbeat: true,
    heartbeatPort: 539,
    keepalive: 2,
    deadtime: 5,
    rshCommand: 'rsh',
    network: 'nat',
    natRouter: undefined,
    natNmask: undefined,
    debugLevel: 'NONE',
    ipvsadm: '/sbin/ipvsadm',
    sync: false,
    activeCmd: undefined,
    inactiveCmd: undefined,
    monitorLinks: 0,
    hardShutdown: true,
    syncdaemon: false,
    syncdIface: 'eth0',
    syncdId: 0,
    tcpTimeout: 0,
    tcpfinTimeout: 0,
    udpTimeout: 0,
    virtuals: [virtualServer()],
    failovers: [],
    ...overrides,
  };
}

export const TCP_WEB = {
  kind: 'address',
  protocol: 'tcp',
  address: '192.0.2.10',
  port: 80,
} as const satisfies ServiceKey;

export function settings(overrides: Partial<ServiceSettings> = {}): ServiceSettings {
  return {
    key: TCP_WEB,
    scheduler: 'wlc',
    persistence: undefined,
    persistenceEngine: undefined,
    onePacket: false,
    schedulerFlags: [],
    ...overrides,
  };
}

export function service(
  overrides: Partial<ServiceSettings> = {},
  destinations: readonly Destination[] = [],
): VirtualService {
  return { ...settings(overrides), destinations };
}

export function dest(overrides: Partial<Destination> = {}): Destination {
  return {
    address: '198.51.100.11',
    port: 80,
    forwarding: 'masq',
    weight: 1,
    upperThreshold: 0,
    lowerThreshold: 0,
    tunnel: undefined,
    ...overrides,
  };
}

export function table(...services: VirtualService[]): IpvsTable {
  return { services };
}
