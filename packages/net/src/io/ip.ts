// Runs iproute2's `ip` with an argument vector: address changes for pulse, listings as JSON.
import { execa } from 'execa';
import { primaryIpv4Addresses, type PrimaryAddress } from '../ip-json.js';

/** Where Debian and RHEL keep iproute2's `ip`. */
export const DEFAULT_IP_PATH = '/sbin/ip';

export interface IpOptions {
  readonly ipPath?: string;
  readonly timeoutMs?: number;
}

export type IpResult =
  { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly message: string };

export async function runIp(args: readonly string[], options: IpOptions = {}): Promise<IpResult> {
  const result = await execa(options.ipPath ?? DEFAULT_IP_PATH, args, {
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs ?? 10_000,
  });
  if (!result.failed) return { ok: true, stdout: String(result.stdout) };
  const stderr = typeof result.stderr === 'string' ? result.stderr.trim() : '';
  return { ok: false, message: stderr !== '' ? stderr : (result.shortMessage ?? 'ip failed') };
}

export type PrimaryAddressesResult =
  | { readonly ok: true; readonly addresses: readonly PrimaryAddress[] }
  | { readonly ok: false; readonly message: string };

/** Every interface's primary IPv4 address (`ip -j addr show`). */
export async function listPrimaryAddresses(
  options: IpOptions = {},
): Promise<PrimaryAddressesResult> {
  const run = await runIp(['-j', 'addr', 'show'], options);
  if (!run.ok) return run;
  const addresses = primaryIpv4Addresses(run.stdout);
  if (addresses === undefined)
    return { ok: false, message: 'ip printed something that is not JSON' };
  return { ok: true, addresses };
}
