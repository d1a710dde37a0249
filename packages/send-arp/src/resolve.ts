// SRC_IP as the original reads it: inet_addr first, then gethostbyname, so host names and
// inet_aton's short forms (`10.1`, `0x0a.0.0.1`) work through the system resolver.
import { lookup } from 'node:dns/promises';
import { parseIpv4, type Ipv4Address } from '@piranha-ts/net';

export async function resolveIpv4(text: string): Promise<Ipv4Address | undefined> {
  const direct = parseIpv4(text);
  if (direct.ok) return direct.ip;
  if (text === '') return undefined;
  try {
    const found = await lookup(text, { family: 4 });
    const resolved = parseIpv4(found.address);
    return resolved.ok ? resolved.ip : undefined;
  } catch {
    return undefined;
  }
}
