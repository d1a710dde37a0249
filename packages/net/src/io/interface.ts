// Reads an interface's hardware and broadcast addresses through `ip -j addr show dev IF`, the
// facts pulse hands to send_arp (the original asked the kernel with SIOCGIFHWADDR and
// SIOCGIFBRDADDR).
import { execa } from 'execa';
import { parseIpAddrJson, type InterfaceAddresses } from '../ip-json.js';

/** Where Debian and RHEL keep iproute2's `ip`. */
export const DEFAULT_IP_PATH = '/sbin/ip';

export type InterfaceErrorCode = 'no-such-interface' | 'ip-failed' | 'ip-output';

export interface InterfaceError {
  readonly code: InterfaceErrorCode;
  readonly message: string;
}

export type InterfaceResult =
  | { readonly ok: true; readonly addresses: InterfaceAddresses }
  | { readonly ok: false; readonly error: InterfaceError };

export interface InterfaceOptions {
  readonly ipPath?: string;
  readonly timeoutMs?: number;
}

export async function readInterfaceAddresses(
  name: string,
  options: InterfaceOptions = {},
): Promise<InterfaceResult> {
  const ipPath = options.ipPath ?? DEFAULT_IP_PATH;
  const result = await execa(ipPath, ['-j', 'addr', 'show', 'dev', name], {
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs ?? 10_000,
  });
  const stderr = typeof result.stderr === 'string' ? result.stderr.trim() : '';
  if (result.failed) {
    const missing = /does not exist/.test(stderr);
    const message = stderr !== '' ? stderr : (result.shortMessage ?? 'ip failed');
    return { ok: false, error: { code: missing ? 'no-such-interface' : 'ip-failed', message } };
  }
  const parsed = parseIpAddrJson(String(result.stdout), name);
  if (!parsed.ok) return { ok: false, error: { code: 'ip-output', message: parsed.message } };
  return { ok: true, addresses: parsed.addresses };
}
