// The floating addresses pulse moves between routers (VIPs and the NAT router address, section
// 4.10 of the reference) as rtnetlink address requests and send_arp argument vectors. The
// original ran `ifconfig eth0:1 VIP up` / `ifconfig eth0:1 down`; an address with a label keeps
// the same `eth0:1` names in `ip addr` and `ifconfig` listings.
import {
  BROADCAST_MAC,
  formatMacBare,
  ipv4FromBytes,
  ipv4ToBytes,
  parseIpv4,
  type Ipv4Address,
  type MacAddress,
} from './addresses.js';
import { encodeArpFrame, sendArpFrame } from './arp.js';
import type { AddressChange } from './netlink.js';

/** One address as lvs.cf gives it: `address = 203.0.113.100 eth0:1` (+ vip_nmask/nat_nmask). */
export interface FloatingAddress {
  readonly address: string;
  /** As written in lvs.cf: `eth0:1`, or a plain `eth0`. */
  readonly device: string;
  readonly prefixLength: number;
}

/** An IPv4 address already on an interface, as `ip -j addr` lists it. */
export interface OnLinkAddress {
  readonly address: string;
  readonly prefixLength: number;
}

/** `eth0:1` -> `eth0`: the interface an alias lives on, which send_arp and `ip` need. */
export function baseDevice(device: string): string {
  const colon = device.indexOf(':');
  return colon < 0 ? device : device.slice(0, colon);
}

function ipv4Number(address: string): number | undefined {
  const parsed = parseIpv4(address);
  if (!parsed.ok) return undefined;
  return ipv4ToBytes(parsed.ip).reduce((n, o) => n * 256 + o, 0);
}

function sameSubnet(a: number, b: number, prefixLength: number): boolean {
  const size = 2 ** (32 - prefixLength);
  return Math.floor(a / size) === Math.floor(b / size);
}

/**
 * The prefix of a floating address. The netmask of lvs.cf (its length in bits; 0 or undefined
 * when absent or 0.0.0.0) decides, as it did for ifconfig. Without one, ifconfig applied the
 * address's class mask; instead take the prefix of the device address whose subnet holds
 * it, or /32 when none does.
 */
export function floatingPrefixLength(
  address: string,
  maskBits: number | undefined,
  onLink: readonly OnLinkAddress[],
): number {
  if (maskBits !== undefined && maskBits > 0) return maskBits;
  const target = ipv4Number(address);
  if (target === undefined) return 32;
  const home = onLink.find((a) => {
    const n = ipv4Number(a.address);
    return n !== undefined && a.address !== address && sameSubnet(n, target, a.prefixLength);
  });
  return home?.prefixLength ?? 32;
}

/** `brd +`: the subnet's broadcast address; none for /31 and /32, as iproute2 does. */
export function subnetBroadcast(
  address: Ipv4Address,
  prefixLength: number,
): Ipv4Address | undefined {
  if (prefixLength > 30) return undefined;
  const hostBits = 2 ** (32 - prefixLength);
  const n = ipv4Number(address) ?? 0;
  const broadcast = Math.floor(n / hostBits) * hostBits + hostBits - 1;
  return ipv4FromBytes(
    Uint8Array.of(
      broadcast >>> 24,
      (broadcast >>> 16) & 255,
      (broadcast >>> 8) & 255,
      broadcast & 255,
    ),
  );
}

/**
 * What `ip addr add VIP/PREFIX brd + dev eth0 label eth0:1` asks the kernel (the original ran
 * `ifconfig eth0:1 VIP up`); undefined when the address is not a dotted quad.
 */
export function addressUpChange(
  floating: FloatingAddress,
  interfaceIndex: number,
): AddressChange | undefined {
  const parsed = parseIpv4(floating.address);
  if (!parsed.ok) return undefined;
  const { prefixLength, device } = floating;
  const broadcast = subnetBroadcast(parsed.ip, prefixLength);
  const change = {
    kind: 'add',
    interfaceIndex,
    address: parsed.ip,
    prefixLength,
    label: device,
  } as const;
  return broadcast === undefined ? change : { ...change, broadcast };
}

/** What `ip addr del VIP/PREFIX dev eth0` asks: what `ifconfig eth0:1 down` did to an alias. */
export function addressDownChange(
  floating: FloatingAddress,
  interfaceIndex: number,
): AddressChange | undefined {
  const parsed = parseIpv4(floating.address);
  if (!parsed.ok) return undefined;
  return {
    kind: 'delete',
    interfaceIndex,
    address: parsed.ip,
    prefixLength: floating.prefixLength,
  };
}

/** The `ip` command that asks the same, for the log. */
export function describeChange(change: AddressChange, device: string): string {
  const cidr = `${change.address}/${change.prefixLength}`;
  if (change.kind === 'delete') return `ip addr del ${cidr} dev ${device}`;
  const brd = change.broadcast === undefined ? '' : ` brd ${change.broadcast}`;
  const label = change.label === undefined ? '' : ` label ${change.label}`;
  return `ip addr add ${cidr}${brd} dev ${device}${label}`;
}

/** What pulse read from the base device, as the original did with SIOCGIFHWADDR/BRDADDR. */
export interface AnnounceFrom {
  readonly mac: MacAddress;
  readonly broadcast: string | undefined;
}

/**
 * `send_arp -i eth0 VIP OWNMAC DEVICE_BROADCAST ffffffffffff` (without the program). A device
 * without a broadcast address gets the limited broadcast; send_arp does not read it anyway.
 */
export function sendArpArgv(floating: FloatingAddress, from: AnnounceFrom): readonly string[] {
  return [
    '-i',
    baseDevice(floating.device),
    floating.address,
    formatMacBare(from.mac),
    from.broadcast ?? '255.255.255.255',
    'ffffffffffff',
  ];
}

/** Frames per address and the pause after each, as pulse's ARP workers did. */
export const GRATUITOUS_ARP_COUNT = 5;
export const GRATUITOUS_ARP_INTERVAL_MS = 1000;

/**
 * The frame `send_arp` sends for `sendArpArgv(floating, from)`, for pulse to send itself:
 * undefined when the address is not a dotted quad (send_arp would have resolved it).
 */
export function gratuitousArpFrame(
  floating: FloatingAddress,
  from: AnnounceFrom,
): Uint8Array | undefined {
  const sourceIp = parseIpv4(floating.address);
  if (!sourceIp.ok) return undefined;
  return encodeArpFrame(
    sendArpFrame({ sourceIp: sourceIp.ip, sourceMac: from.mac, targetMac: BROADCAST_MAC }),
  );
}

/**
 * Who puts each of an address's frames on the wire: the first comes from pulse itself the moment
 * the address is up (starting a send_arp process takes long enough to matter, seconds on a slow
 * machine), the rest from the send_arp program, as in the original. With a sub-second keepalive
 * pulse sends them all: a send_arp process per frame, started while the heartbeats must keep
 * coming every fraction of a second, competes with them for the CPU.
 */
export type AnnounceStep = 'in-process' | 'send-arp';

export function announcementPlan(
  keepaliveSeconds: number,
  count: number = GRATUITOUS_ARP_COUNT,
): readonly AnnounceStep[] {
  const allInProcess = keepaliveSeconds < 1;
  return Array.from({ length: count }, (_, i) =>
    i === 0 || allInProcess ? 'in-process' : 'send-arp',
  );
}
