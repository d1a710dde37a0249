// MAC and IPv4 addresses as canonical strings, so they compare with === and read well in test
// failures; the brands keep an unchecked string from passing for a parsed address.
declare const macBrand: unique symbol;
declare const ipv4Brand: unique symbol;

/** Six bytes as lower-case hex pairs joined by colons: `02:00:5e:10:00:01`. */
export type MacAddress = string & { readonly [macBrand]: true };
/** Dotted quad without leading zeros: `192.0.2.10`. */
export type Ipv4Address = string & { readonly [ipv4Brand]: true };

export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff' as MacAddress;

export type MacParseErrorCode = 'mac-too-short' | 'mac-bad-digit' | 'mac-trailing-text';

export interface MacParseError {
  readonly code: MacParseErrorCode;
  readonly input: string;
  readonly message: string;
}

export type MacParseResult =
  | { readonly ok: true; readonly mac: MacAddress }
  | { readonly ok: false; readonly error: MacParseError };

export type Ipv4ParseErrorCode = 'ipv4-syntax' | 'ipv4-octet-range';

export interface Ipv4ParseError {
  readonly code: Ipv4ParseErrorCode;
  readonly input: string;
  readonly message: string;
}

export type Ipv4ParseResult =
  | { readonly ok: true; readonly ip: Ipv4Address }
  | { readonly ok: false; readonly error: Ipv4ParseError };

const HEX_DIGIT = /^[0-9a-fA-F]$/;

function macError(code: MacParseErrorCode, input: string, message: string): MacParseResult {
  return { ok: false, error: { code, input, message } };
}

/**
 * Parses a MAC the way send_arp does: 12 hex digits in either case, each byte optionally
 * followed by `:` (`001122aabbcc`, `00:11:22:AA:BB:CC`, `00:11:22:aa:bb:cc:`). Unlike the
 * original, text after the sixth byte is an error rather than ignored.
 */
export function parseMac(input: string): MacParseResult {
  const bytes: string[] = [];
  let at = 0;
  while (bytes.length < 6) {
    const pair = input.slice(at, at + 2);
    if (pair.length < 2) return macError('mac-too-short', input, 'fewer than 6 bytes');
    if (![...pair].every((c) => HEX_DIGIT.test(c))) {
      return macError('mac-bad-digit', input, `"${pair}" is not a hex byte`);
    }
    bytes.push(pair.toLowerCase());
    at += 2;
    if (input[at] === ':') at += 1;
  }
  if (at < input.length) {
    return macError('mac-trailing-text', input, `unexpected "${input.slice(at)}" after 6 bytes`);
  }
  return { ok: true, mac: bytes.join(':') as MacAddress };
}

/** The MAC as 12 upper-case hex digits, the form pulse passes to send_arp. */
export function formatMacBare(mac: MacAddress): string {
  return mac.replaceAll(':', '').toUpperCase();
}

export function macToBytes(mac: MacAddress): Uint8Array {
  return Uint8Array.from(mac.split(':'), (pair) => parseInt(pair, 16));
}

export function macFromBytes(bytes: Uint8Array, offset = 0): MacAddress {
  return [...bytes.subarray(offset, offset + 6)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(':') as MacAddress;
}

const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/**
 * Parses a strict dotted quad. Forms that inet_aton also takes (`10.1`, `0x0a.0.0.1`, octal
 * `010.0.0.1`) are refused here; callers that must accept them hand the text to the resolver.
 */
export function parseIpv4(input: string): Ipv4ParseResult {
  const match = DOTTED_QUAD.exec(input);
  if (match === null) {
    return {
      ok: false,
      error: { code: 'ipv4-syntax', input, message: 'not a dotted quad (a.b.c.d)' },
    };
  }
  if (match.slice(1).some((octet) => Number(octet) > 255)) {
    return {
      ok: false,
      error: { code: 'ipv4-octet-range', input, message: 'an octet is greater than 255' },
    };
  }
  return { ok: true, ip: input as Ipv4Address };
}

export function ipv4ToBytes(ip: Ipv4Address): Uint8Array {
  return Uint8Array.from(ip.split('.'), Number);
}

export function ipv4FromBytes(bytes: Uint8Array, offset = 0): Ipv4Address {
  return [...bytes.subarray(offset, offset + 4)].join('.') as Ipv4Address;
}
