// Address text as ipvsadm -n prints it: IPv4 dotted quads, IPv6 in inet_ntop form inside
// brackets when a port follows. Pure parsing, formatting and ordering helpers.

export type AddressFamily = 'ipv4' | 'ipv6';

/** The four octets of a strict dotted quad (no leading zeros, as inet_ntop prints). */
export function ipv4Octets(text: string): readonly number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((p) => (/^(0|[1-9][0-9]{0,2})$/.test(p) ? Number(p) : NaN));
  return octets.every((o) => o <= 255) ? octets : undefined;
}

export function isIPv4Address(text: string): boolean {
  return ipv4Octets(text) !== undefined;
}

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
export function ipv6Groups(text: string): readonly number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function groupsOf(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const last = parts[parts.length - 1] ?? '';
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
  const v4 = last.includes('.') ? ipv4Octets(last) : undefined;
  if (last.includes('.') && v4 === undefined) return undefined;
  const hex = v4 === undefined ? parts : parts.slice(0, -1);
  if (!hex.every((p) => /^[0-9a-fA-F]{1,4}$/.test(p))) return undefined;
  const groups = hex.map((p) => parseInt(p, 16));
  if (v4 !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    groups.push(a * 256 + b, c * 256 + d);
  }
  return groups;
}

export function isIPv6Address(text: string): boolean {
  return ipv6Groups(text) !== undefined;
}

export function addressFamily(address: string): AddressFamily {
  return address.includes(':') ? 'ipv6' : 'ipv4';
}

/** `192.0.2.1:80` or `[2001:db8::1]:80`, the form ipvsadm prints and accepts. */
export function formatAddressPort(address: string, port: number): string {
  return addressFamily(address) === 'ipv6' ? `[${address}]:${port}` : `${address}:${port}`;
}

export type AddressPortResult =
  | { readonly ok: true; readonly address: string; readonly port: number | undefined }
  | { readonly ok: false; readonly message: string };

/** Splits `ADDR[:PORT]` or `[ADDR6][:PORT]`; addresses must be numeric (ipvsadm -n output). */
export function parseAddressPort(text: string): AddressPortResult {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  const [address, portText] = bracketed ? [bracketed[1] ?? '', bracketed[2]] : splitIPv4(text);
  const valid = bracketed ? isIPv6Address(address) : isIPv4Address(address);
  if (!valid) return { ok: false, message: `"${text}" is not a numeric address[:port]` };
  if (portText === undefined) return { ok: true, address: address.toLowerCase(), port: undefined };
  const port = parsePort(portText);
  if (port === undefined) return { ok: false, message: `"${portText}" is not a port number` };
  return { ok: true, address: address.toLowerCase(), port };
}

function splitIPv4(text: string): [string, string | undefined] {
  const colon = text.lastIndexOf(':');
  return colon < 0 ? [text, undefined] : [text.slice(0, colon), text.slice(colon + 1)];
}

export function parsePort(text: string): number | undefined {
  if (!/^[0-9]{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/** Numeric order of two addresses, IPv4 before IPv6 (the order ipvsadm sorts by). */
export function compareAddresses(a: string, b: string): number {
  const fa = addressFamily(a);
  const fb = addressFamily(b);
  if (fa !== fb) return fa === 'ipv4' ? -1 : 1;
  const ga = fa === 'ipv4' ? ipv4Octets(a) : ipv6Groups(a);
  const gb = fb === 'ipv4' ? ipv4Octets(b) : ipv6Groups(b);
  if (ga === undefined || gb === undefined) return a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < ga.length; i++) {
    const d = (ga[i] ?? 0) - (gb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
