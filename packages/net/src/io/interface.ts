// Reads an interface's hardware and broadcast addresses through `ip -j addr show dev IF`, the
// facts pulse hands to send_arp (the original asked the kernel with SIOCGIFHWADDR and
// SIOCGIFBRDADDR), and whether its link is up (what the original asked ethtool).
import { readFile } from 'node:fs/promises';
import { parseIpAddrJson, type InterfaceAddresses } from '../ip-json.js';
import { runIp, type IpOptions } from './ip.js';

export { DEFAULT_IP_PATH } from './ip.js';

export type InterfaceErrorCode = 'no-such-interface' | 'ip-failed' | 'ip-output';

export interface InterfaceError {
  readonly code: InterfaceErrorCode;
  readonly message: string;
}

export type InterfaceResult =
  | { readonly ok: true; readonly addresses: InterfaceAddresses }
  | { readonly ok: false; readonly error: InterfaceError };

export type InterfaceOptions = IpOptions;

export async function readInterfaceAddresses(
  name: string,
  options: InterfaceOptions = {},
): Promise<InterfaceResult> {
  const run = await runIp(['-j', 'addr', 'show', 'dev', name], options);
  if (!run.ok) {
    const missing = /does not exist/.test(run.message);
    const code = missing ? 'no-such-interface' : 'ip-failed';
    return { ok: false, error: { code, message: run.message } };
  }
  const parsed = parseIpAddrJson(run.stdout, name);
  if (!parsed.ok) return { ok: false, error: { code: 'ip-output', message: parsed.message } };
  return { ok: true, addresses: parsed.addresses };
}

/**
 * The carrier of an interface, as ethtool's "get link" reports it. The kernel refuses to read
 * it while the interface is administratively down, which counts as down too.
 */
export async function linkIsUp(name: string): Promise<boolean> {
  const carrier = await readFile(`/sys/class/net/${name}/carrier`, 'utf8').catch(() => '0');
  return carrier.trim() === '1';
}
