// The floating addresses pulse moves between routers (VIPs and the NAT router address, section
// 4.10 of the reference) as iproute2 and send_arp argument vectors. The original ran
// `ifconfig eth0:1 VIP up` / `ifconfig eth0:1 down`; `ip addr` with a label keeps the same
// `eth0:1` names in `ip addr` and `ifconfig` listings.
import {
  BROADCAST_MAC,
  formatMacBare,
  ipv4ToBytes,
  parseIpv4,
  type MacAddress,
} from './addresses.js';
import { encodeArpFrame, sendArpFrame } from './arp.js';

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

/** `ip addr add VIP/PREFIX brd + dev eth0 label eth0:1` (without the program). */
export function addressUpArgv(floating: FloatingAddress): readonly string[] {
  const cidr = `${floating.address}/${floating.prefixLength}`;
  const dev = baseDevice(floating.device);
  return ['addr', 'add', cidr, 'brd', '+', 'dev', dev, 'label', floating.device];
}

/** `ip addr del VIP/PREFIX dev eth0`: what `ifconfig eth0:1 down` did to an alias. */
export function addressDownArgv(floating: FloatingAddress): readonly string[] {
  const cidr = `${floating.address}/${floating.prefixLength}`;
  return ['addr', 'del', cidr, 'dev', baseDevice(floating.device)];
}

/** iproute2's complaints that mean the add or delete has nothing left to do. */
export function addressAlreadyThere(stderr: string): boolean {
  return /File exists|Address already assigned/i.test(stderr);
}

export function addressAlreadyGone(stderr: string): boolean {
  return /Cannot assign requested address|Address not found/i.test(stderr);
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
