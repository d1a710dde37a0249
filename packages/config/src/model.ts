// The typed lvs.cf model. Every field holds its effective value (defaults filled in), so
// consumers never re-apply defaults; the serializer leaves out what equals the default.

/** Forwarding method: `network` keyword; ipvsadm -m / -g / -i. */
export type Network = 'nat' | 'direct' | 'tunnel';

export type Protocol = 'tcp' | 'udp';

/** IPVS schedulers known to ipvsadm and the kernel. */
export const SCHEDULERS = [
  'rr',
  'wrr',
  'lc',
  'wlc',
  'lblc',
  'lblcr',
  'dh',
  'sh',
  'sed',
  'nq',
  'fo',
  'ovf',
  'mh',
  'twos',
] as const;
export type Scheduler = (typeof SCHEDULERS)[number];

/** `service` keyword: which block type pulse runs. */
export type ServiceType = 'lvs' | 'fos';

/** `IP DEVICE` pair of `address` (virtual/failover) and `nat_router`. */
export interface AddressWithDevice {
  /** Dotted quad or host name as written. */
  readonly address: string;
  /** Interface or alias, e.g. `eth0:1`. */
  readonly device: string;
}

export interface RealServer {
  readonly name: string;
  /** Dotted quad or host name as written; `0.0.0.0` when absent. */
  readonly address: string;
  readonly active: boolean;
  readonly weight: number;
  /** Real port; defaults to the virtual block's port as parsed before the server line. */
  readonly port: number;
}

/** Keys shared by `virtual` and `failover` blocks (the original parses both alike). */
export interface ServiceBlock {
  readonly name: string;
  readonly active: boolean;
  readonly address: AddressWithDevice | undefined;
  readonly vipNmask: string | undefined;
  readonly protocol: Protocol;
  readonly port: number;
  readonly send: string | undefined;
  readonly expect: string | undefined;
  readonly useRegex: boolean;
  readonly sendProgram: string | undefined;
  readonly timeout: number;
  readonly reentry: number;
  readonly startCmd: string | undefined;
  readonly stopCmd: string | undefined;
}

export interface VirtualServer extends ServiceBlock {
  readonly kind: 'virtual';
  readonly sorryServer: string | undefined;
  /** 0 = not a firewall-mark service. */
  readonly fwmark: number;
  readonly scheduler: Scheduler;
  /** Persistence timeout in seconds; 0 = none. */
  readonly persistent: number;
  /** Persistence netmask (`-M`); undefined = none. */
  readonly pmask: string | undefined;
  /** `uptime`, `rup`, `ruptime`, `none` or a program name; undefined = absent. */
  readonly loadMonitor: string | undefined;
  readonly quiesceServer: boolean;
  readonly clientMonitor: string;
  /** Legacy file-sync keys, kept so files round-trip. */
  readonly master: string | undefined;
  readonly dirs: readonly string[] | undefined;
  readonly servers: readonly RealServer[];
}

export interface FailoverService extends ServiceBlock {
  readonly kind: 'failover';
}

export interface LvsConfig {
  readonly serialNo: number | undefined;
  readonly primary: string;
  readonly primaryPrivate: string | undefined;
  readonly primaryShared: string | undefined;
  readonly backup: string;
  readonly backupPrivate: string | undefined;
  readonly backupShared: string | undefined;
  readonly backupActive: boolean;
  readonly reservationConflictAction: 'nothing' | 'preempt' | undefined;
  readonly service: ServiceType;
  readonly heartbeat: boolean;
  readonly heartbeatPort: number;
  /** Seconds between heartbeats. */
  readonly keepalive: number;
  /** Seconds of silence after which the partner is dead. */
  readonly deadtime: number;
  readonly rshCommand: string;
  readonly network: Network;
  readonly natRouter: AddressWithDevice | undefined;
  readonly natNmask: string | undefined;
  readonly debugLevel: string;
  readonly ipvsadm: string;
  readonly sync: boolean;
  readonly activeCmd: string | undefined;
  readonly inactiveCmd: string | undefined;
  readonly monitorLinks: number;
  readonly hardShutdown: boolean;
  readonly syncdaemon: boolean;
  readonly syncdIface: string;
  readonly syncdId: number;
  readonly tcpTimeout: number;
  readonly tcpfinTimeout: number;
  readonly udpTimeout: number;
  readonly virtuals: readonly VirtualServer[];
  readonly failovers: readonly FailoverService[];
}
