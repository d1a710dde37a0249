// The IPVS table as data: virtual services and their destinations, keyed the way the kernel
// keys them. Both the kernel's table (parsed from `ipvsadm -Sn`) and the table the
// configuration asks for are values of these types, so they can be diffed.
import { compareAddresses, formatAddressPort, type AddressFamily } from './addresses.js';

export type { AddressFamily } from './addresses.js';

/** `-t`, `-u` or `--sctp-service` (SCTP only appears when someone else added it). */
export type ServiceProtocol = 'tcp' | 'udp' | 'sctp';

/** How the kernel finds a virtual service: protocol + VIP:PORT, or a firewall mark. */
export type ServiceKey =
  | {
      readonly kind: 'address';
      readonly protocol: ServiceProtocol;
      readonly address: string;
      readonly port: number;
    }
  | { readonly kind: 'fwmark'; readonly mark: number; readonly family: AddressFamily };

export interface Persistence {
  /** Seconds (`-p`). */
  readonly timeout: number;
  /**
   * Persistence granularity (`-M`) as ipvsadm prints it: a dotted quad for IPv4 services, a
   * prefix length for IPv6 ones; undefined = one client address (/32 or /128, the default).
   */
  readonly netmask: string | undefined;
}

/** Everything `-A`/`-E` sets on a service. */
export interface ServiceSettings {
  readonly key: ServiceKey;
  /** `-s`; a string because the kernel may hold schedulers lvs.cf cannot name. */
  readonly scheduler: string;
  readonly persistence: Persistence | undefined;
  /** `--pe NAME` (e.g. `sip`); undefined = none. */
  readonly persistenceEngine: string | undefined;
  /** `-o`: one-packet scheduling. */
  readonly onePacket: boolean;
  /** `-b flag-1,sh-port,...` in the order ipvsadm prints them. */
  readonly schedulerFlags: readonly string[];
}

/** `-m` masquerading (NAT), `-g` gatewaying (direct routing), `-i` IP-in-IP tunnelling. */
export type Forwarding = 'masq' | 'gate' | 'ipip';

export type TunnelChecksum = 'nocsum' | 'csum' | 'remcsum';

/** Non-default tunnel encapsulations (ipvsadm 1.31); plain IP-in-IP is `undefined`. */
export type TunnelEncapsulation =
  | { readonly type: 'gue'; readonly port: number; readonly checksum: TunnelChecksum }
  | { readonly type: 'gre'; readonly checksum: TunnelChecksum };

export interface DestinationKey {
  readonly address: string;
  readonly port: number;
}

export interface Destination extends DestinationKey {
  readonly forwarding: Forwarding;
  /** 0-65535; 0 = quiesced (no new connections). */
  readonly weight: number;
  /** `-x`/`-y`; 0 = no threshold. `ipvsadm -Sn` never prints them. */
  readonly upperThreshold: number;
  readonly lowerThreshold: number;
  /** Only for `ipip` forwarding. */
  readonly tunnel: TunnelEncapsulation | undefined;
}

export interface VirtualService extends ServiceSettings {
  readonly destinations: readonly Destination[];
}

export interface IpvsTable {
  readonly services: readonly VirtualService[];
}

export const EMPTY_TABLE: IpvsTable = { services: [] };

/**
 * ipvsadm's own rule: on non-fwmark services, gatewaying and tunnelling destinations get the
 * service port whatever -r said, and a missing real-server port means the service port.
 */
export function destinationPort(
  key: ServiceKey,
  forwarding: Forwarding,
  port: number | undefined,
): number {
  if (key.kind === 'address' && (forwarding !== 'masq' || port === undefined)) return key.port;
  return port ?? 0;
}

/** Map key of a service: `tcp 192.0.2.10:80`, `udp [2001:db8::1]:53`, `fwmark 21`, `fwmark 21 ipv6`. */
export function serviceKeyString(key: ServiceKey): string {
  if (key.kind === 'fwmark') return `fwmark ${key.mark}${key.family === 'ipv6' ? ' ipv6' : ''}`;
  return `${key.protocol} ${formatAddressPort(key.address, key.port)}`;
}

/** Map key of a destination within its service: `198.51.100.11:80`. */
export function destinationKeyString(key: DestinationKey): string {
  return formatAddressPort(key.address, key.port);
}

export function serviceKeysEqual(a: ServiceKey, b: ServiceKey): boolean {
  return serviceKeyString(a) === serviceKeyString(b);
}

function persistenceEqual(a: Persistence | undefined, b: Persistence | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.timeout === b.timeout && a.netmask === b.netmask;
}

/** Whether two services agree on everything `-E` could change. */
export function serviceSettingsEqual(a: ServiceSettings, b: ServiceSettings): boolean {
  return (
    serviceKeysEqual(a.key, b.key) &&
    a.scheduler === b.scheduler &&
    persistenceEqual(a.persistence, b.persistence) &&
    a.persistenceEngine === b.persistenceEngine &&
    a.onePacket === b.onePacket &&
    a.schedulerFlags.join(',') === b.schedulerFlags.join(',')
  );
}

function tunnelEqual(a: TunnelEncapsulation | undefined, b: TunnelEncapsulation | undefined) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether two destinations agree on everything `-e` could change. */
export function destinationsEqual(a: Destination, b: Destination): boolean {
  return (
    destinationKeyString(a) === destinationKeyString(b) &&
    a.forwarding === b.forwarding &&
    a.weight === b.weight &&
    a.upperThreshold === b.upperThreshold &&
    a.lowerThreshold === b.lowerThreshold &&
    tunnelEqual(a.tunnel, b.tunnel)
  );
}

/** The settings of a service without its destinations. */
export function settingsOf(service: ServiceSettings): ServiceSettings {
  const { key, scheduler, persistence, persistenceEngine, onePacket, schedulerFlags } = service;
  return { key, scheduler, persistence, persistenceEngine, onePacket, schedulerFlags };
}

const PROTOCOL_NUMBERS: Readonly<Record<ServiceProtocol, number>> = { tcp: 6, udp: 17, sctp: 132 };

/**
 * ipvsadm's listing order: address services (fwmark 0) first, then by fwmark, family,
 * protocol number, address, port.
 */
export function compareServiceKeys(a: ServiceKey, b: ServiceKey): number {
  const markA = a.kind === 'fwmark' ? a.mark : 0;
  const markB = b.kind === 'fwmark' ? b.mark : 0;
  if (markA !== markB) return markA - markB;
  const family = familyRank(a) - familyRank(b);
  if (family !== 0 || a.kind === 'fwmark' || b.kind === 'fwmark') return family;
  if (a.protocol !== b.protocol) return PROTOCOL_NUMBERS[a.protocol] - PROTOCOL_NUMBERS[b.protocol];
  return compareAddresses(a.address, b.address) || a.port - b.port;
}

function familyRank(key: ServiceKey): number {
  if (key.kind === 'fwmark') return key.family === 'ipv6' ? 1 : 0;
  return key.address.includes(':') ? 1 : 0;
}

export function compareDestinations(a: DestinationKey, b: DestinationKey): number {
  return compareAddresses(a.address, b.address) || a.port - b.port;
}

/** The table in ipvsadm's listing order, so tables that differ only in order compare equal. */
export function normalizeTable(table: IpvsTable): IpvsTable {
  const services = [...table.services]
    .sort((a, b) => compareServiceKeys(a.key, b.key))
    .map((s) => ({ ...s, destinations: [...s.destinations].sort(compareDestinations) }));
  return { services };
}
