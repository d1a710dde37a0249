// Reads an interface's hardware and broadcast addresses, the facts pulse hands to send_arp (the
// original asked the kernel with SIOCGIFHWADDR and SIOCGIFBRDADDR), from sysfs and rtnetlink,
// and whether its link is up (what the original asked ethtool).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseMac } from '../addresses.js';
import type { InterfaceAddresses } from '../ip-json.js';
import { interfaceIndex, listAddresses } from './netlink-socket.js';

export type InterfaceErrorCode = 'no-such-interface' | 'netlink-failed' | 'no-hardware-address';

export interface InterfaceError {
  readonly code: InterfaceErrorCode;
  readonly message: string;
}

export type InterfaceResult =
  | { readonly ok: true; readonly addresses: InterfaceAddresses; readonly index: number }
  | { readonly ok: false; readonly error: InterfaceError };

/**
 * The interface's index, hardware address and IPv4 addresses, without starting `ip`. Read at
 * once, not in the background: sysfs and rtnetlink answer in microseconds, and a takeover's
 * first gratuitous ARP should not wait for a thread pool's turn.
 */
export function readInterfaceAddresses(name: string): InterfaceResult {
  const index = interfaceIndex(name);
  if (index === undefined) {
    const message = `Device "${name}" does not exist.`;
    return { ok: false, error: { code: 'no-such-interface', message } };
  }
  const macText = readSysfs(`/sys/class/net/${name}/address`);
  const mac = parseMac(macText.trim());
  if (!mac.ok) {
    const message = `${name} has no Ethernet hardware address`;
    return { ok: false, error: { code: 'no-hardware-address', message } };
  }
  const listed = listAddresses();
  if (!listed.ok) return { ok: false, error: { code: 'netlink-failed', message: listed.message } };
  const ipv4 = listed.value
    .filter((a) => a.interfaceIndex === index)
    .map(({ address, prefixLength, broadcast }) => ({ address, prefixLength, broadcast }));
  const addresses: InterfaceAddresses = { name, mac: mac.mac, broadcast: ipv4[0]?.broadcast, ipv4 };
  return { ok: true, addresses, index };
}

function readSysfs(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The carrier of an interface, as ethtool's "get link" reports it. The kernel refuses to read
 * it while the interface is administratively down, which counts as down too.
 */
export async function linkIsUp(name: string): Promise<boolean> {
  const carrier = await readFile(`/sys/class/net/${name}/carrier`, 'utf8').catch(() => '0');
  return carrier.trim() === '1';
}
