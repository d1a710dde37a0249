// Parsed addresses for tests; a typo in a test's literal fails loudly.
import { parseIpv4, parseMac, type Ipv4Address, type MacAddress } from '@piranha-ts/net';

export function mac(text: string): MacAddress {
  const parsed = parseMac(text);
  if (!parsed.ok) throw new Error(`bad MAC in test: ${text}`);
  return parsed.mac;
}

export function ip(text: string): Ipv4Address {
  const parsed = parseIpv4(text);
  if (!parsed.ok) throw new Error(`bad IPv4 in test: ${text}`);
  return parsed.ip;
}
