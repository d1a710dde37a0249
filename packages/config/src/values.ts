// Value parsers for lvs.cf, one per value type of the keyword table. Each returns the typed
// value or the diagnostic code and message; positions are added by the caller.
import type { DiagnosticCode } from './diagnostics.js';

export type ValueResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: DiagnosticCode; readonly message: string };

export function ok<T>(value: T): ValueResult<T> {
  return { ok: true, value };
}

export function fail<T>(code: DiagnosticCode, message: string): ValueResult<T> {
  return { ok: false, code, message };
}

/**
 * C `strtol(s, &end, 0)` with the whole token required: optional sign, `0x` hex, a leading
 * `0` means octal (so `010` is 8, as in the original), otherwise decimal.
 */
export function parseCInteger(text: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (m === null) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const digits = m[2] ?? '';
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (digits.length > 1 && digits.startsWith('0')) value = parseInt(digits.slice(1), 8);
  else value = parseInt(digits, 10);
  return sign * value;
}

export function parseInteger(text: string, min: number, max: number): ValueResult<number> {
  const value = parseCInteger(text);
  if (value === undefined) {
    return fail('integer-expected', `expected ${integerKind(min)}, got "${text}"`);
  }
  if (value < min || value > max) {
    return fail('out-of-range', `expected ${describeRange(min, max)}, got ${value}`);
  }
  return ok(value);
}

function integerKind(min: number): string {
  if (min === 0) return 'a non-negative integer';
  if (min === 1) return 'a positive integer';
  return 'an integer';
}

function describeRange(min: number, max: number): string {
  if (max >= 2 ** 31 - 1) return `an integer of at least ${min}`;
  return `an integer from ${min} to ${max}`;
}

/** Seconds: an integer as the original wants, or (an extension) a decimal like `0.5`. */
export function parseSeconds(text: string, min: number, max: number): ValueResult<number> {
  if (/^[0-9]*\.[0-9]+$/.test(text)) {
    const value = Number(text);
    if (value < min || value > max) {
      return fail('out-of-range', `expected seconds from ${min} to ${max}, got ${text}`);
    }
    return ok(value);
  }
  const value = parseCInteger(text);
  if (value === undefined) {
    return fail('integer-expected', `expected a number of seconds, got "${text}"`);
  }
  if (value < min || value > max) {
    return fail('out-of-range', `expected seconds from ${min} to ${max}, got ${value}`);
  }
  return ok(value);
}

export function parseBoolean(text: string): ValueResult<boolean> {
  const value = parseCInteger(text);
  if (value === 0 || value === 1) return ok(value === 1);
  return fail('boolean-expected', `expected 0 or 1, got "${text}"`);
}

export function parseEnum<T extends string>(text: string, values: readonly T[]): ValueResult<T> {
  const found = values.find((v) => v === text);
  if (found !== undefined) return ok(found);
  return fail('invalid-argument', `expected one of ${values.join(', ')}, got "${text}"`);
}

const QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Dotted-quad IPv4 address as a 32-bit number, or undefined. */
export function parseIPv4(text: string): number | undefined {
  const m = QUAD.exec(text);
  if (m === null) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== undefined;
}

const HOSTNAME =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** An IPv4 address or a host name to be resolved later; `notZero` rejects 0.0.0.0. */
export function parseHost(text: string, notZero: boolean): ValueResult<string> {
  const ip = parseIPv4(text);
  if (ip !== undefined) {
    if (notZero && ip === 0) return fail('invalid-host', 'the address must not be 0.0.0.0');
    return ok(text);
  }
  // The original took anything but a dotted quad for a name, so its error is "invalid argument".
  if (/^[0-9.]+$/.test(text) || !HOSTNAME.test(text)) {
    return fail('invalid-argument', `expected an IPv4 address or a host name, got "${text}"`);
  }
  return ok(text);
}

/** A dotted-quad netmask with contiguous one bits. */
export function parseNetmask(text: string): ValueResult<string> {
  const value = parseIPv4(text);
  if (value === undefined) {
    return fail('bad-subnet-mask', `expected a dotted-quad netmask, got "${text}"`);
  }
  const inverted = (2 ** 32 - 1 - value) >>> 0;
  if ((inverted & (inverted + 1)) !== 0) {
    return fail('bad-subnet-mask', `netmask ${text} has non-contiguous bits`);
  }
  return ok(text);
}

/** Prefix length of a valid netmask. */
export function netmaskBits(mask: string): number {
  const value = parseIPv4(mask) ?? 0;
  let bits = 0;
  for (let bit = 31; bit >= 0 && Math.floor(value / 2 ** bit) % 2 === 1; bit--) bits++;
  return bits;
}

/** Port: a number, or (when names are allowed) a tcp service name. */
export function parsePort(
  text: string,
  lookupService: ((name: string) => number | undefined) | undefined,
): ValueResult<number> {
  const value = parseCInteger(text);
  if (value !== undefined) {
    if (value < 0 || value > 65535) {
      return fail('out-of-range', `expected a port from 0 to 65535, got ${value}`);
    }
    return ok(value);
  }
  if (lookupService === undefined) {
    return fail('integer-expected', `expected a port number, got "${text}"`);
  }
  const port = /^[A-Za-z][A-Za-z0-9._+-]*$/.test(text) ? lookupService(text) : undefined;
  if (port === undefined) {
    return fail('invalid-argument', `expected a port number or a tcp service name, got "${text}"`);
  }
  return ok(port);
}
