// An interface's hardware and IPv4 addresses, and the primary addresses read from the output of
// `ip -j addr show` (iproute2's JSON). The text comes from another program: every field is
// checked.
import { parseIpv4, type Ipv4Address, type MacAddress } from './addresses.js';

export interface InterfaceIpv4 {
  readonly address: Ipv4Address;
  readonly prefixLength: number;
  readonly broadcast: Ipv4Address | undefined;
}

export interface InterfaceAddresses {
  readonly name: string;
  readonly mac: MacAddress;
  /** The broadcast address of the first IPv4 address, which is what SIOCGIFBRDADDR returns. */
  readonly broadcast: Ipv4Address | undefined;
  readonly ipv4: readonly InterfaceIpv4[];
}

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalIpv4(value: unknown): Ipv4Address | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseIpv4(value);
  return parsed.ok ? parsed.ip : undefined;
}

function inetEntries(addrInfo: unknown): InterfaceIpv4[] {
  if (!Array.isArray(addrInfo)) return [];
  return addrInfo.filter(isObject).flatMap((entry) => {
    const address = entry['family'] === 'inet' ? optionalIpv4(entry['local']) : undefined;
    const prefixLength = entry['prefixlen'];
    if (address === undefined || typeof prefixLength !== 'number') return [];
    return [{ address, prefixLength, broadcast: optionalIpv4(entry['broadcast']) }];
  });
}

/** The interface objects of `ip -j` output (none unless it is an array); undefined: not JSON. */
function interfaceEntries(text: string): readonly Json[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isObject) : [];
  } catch {
    return undefined;
  }
}

/** The address an interface answers SIOCGIFADDR with, and so what pulse's role test sees. */
export interface PrimaryAddress {
  readonly ifname: string;
  readonly address: Ipv4Address;
  readonly prefixLength: number;
}

/**
 * Every interface's primary IPv4 address in `ip -j addr show` output: the first one whose
 * label is the interface's own name. Labelled aliases (`eth0:1`, where VIPs live) and later
 * secondaries do not count, as in the original, which asked each interface name for one address.
 */
export function primaryIpv4Addresses(text: string): readonly PrimaryAddress[] | undefined {
  const entries = interfaceEntries(text);
  if (entries === undefined) return undefined;
  return entries.flatMap((entry) => {
    const ifname = entry['ifname'];
    if (typeof ifname !== 'string' || !Array.isArray(entry['addr_info'])) return [];
    const own = entry['addr_info']
      .filter(isObject)
      .find((a) => a['family'] === 'inet' && (a['label'] ?? ifname) === ifname);
    const first = own === undefined ? undefined : inetEntries([own])[0];
    if (first === undefined) return [];
    return [{ ifname, address: first.address, prefixLength: first.prefixLength }];
  });
}
