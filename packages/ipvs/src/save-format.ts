// Parser for `ipvsadm -Sn` (`--save -n`) output of ipvsadm 1.31, read in its source:
// - a service line is `-A SVC -s SCHED`, then ` -p TIMEOUT` when persistent; `-M MASK` follows
//   `-p` only when the mask is not the default (255.255.255.255 printed as a dotted quad for
//   IPv4, /128 printed as a bare prefix length for IPv6); then ` --pe NAME`, ` -o`, ` -b FLAGS`.
// - SVC is `-t ADDR:PORT`, `-u ADDR:PORT`, `--sctp-service ADDR:PORT`, `-f MARK` or `-f MARK -6`;
//   IPv6 addresses are bracketed: `[2001:db8::1]:80`.
// - a destination line is `-a SVC -r ADDR:PORT -m|-g|-i -w WEIGHT`; tunnel destinations add
//   `--tun-type ipip` (gue adds `--tun-port N`, gue/gre add `--tun-nocsum|--tun-csum|...`).
//   Thresholds (-x/-y) are never printed; they are accepted here for hand-written files.
// - services come sorted (see table.ts), each followed by its destinations sorted by address.
import { isIPv4Address, parseAddressPort, parsePort } from './addresses.js';
import { splitLine, type GivenOptions } from './options.js';
import type {
  Destination,
  Forwarding,
  IpvsTable,
  Persistence,
  ServiceKey,
  ServiceSettings,
  TunnelChecksum,
  TunnelEncapsulation,
  VirtualService,
} from './table.js';
import { destinationKeyString, destinationPort, serviceKeyString } from './table.js';

export type SaveFormatErrorCode =
  | 'unknown-command'
  | 'unknown-option'
  | 'missing-value'
  | 'repeated-option'
  | 'missing-service'
  | 'missing-real-server'
  | 'invalid-address'
  | 'invalid-number'
  | 'invalid-netmask'
  | 'invalid-tunnel'
  | 'unknown-service'
  | 'duplicate-service'
  | 'duplicate-destination';

export interface SaveFormatError {
  /** 1-based line number in the text. */
  readonly line: number;
  /** The line as given. */
  readonly text: string;
  readonly code: SaveFormatErrorCode;
  readonly message: string;
}

export type SaveFormatResult =
  | { readonly ok: true; readonly table: IpvsTable }
  | { readonly ok: false; readonly errors: readonly SaveFormatError[] };

type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: SaveFormatErrorCode; readonly message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: SaveFormatErrorCode, message: string): Parsed<T> => ({
  ok: false,
  code,
  message,
});

/** ipvsadm's limits: persistence up to 31 days, weights up to 65535, fwmarks 1..2^32-1. */
const MAX_PERSISTENCE = 86400 * 31;
const DEFAULT_PERSISTENCE = 300;
const MAX_WEIGHT = 65535;
const MAX_FWMARK = 2 ** 32 - 1;
const MAX_THRESHOLD = 2 ** 31 - 1;

function parseNumber(text: string | undefined, min: number, max: number, what: string) {
  const value = text !== undefined && /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    return fail<number>('invalid-number', `${what} must be ${min}..${max}, got "${text ?? ''}"`);
  }
  return ok(value);
}

function serviceKeyOf(options: GivenOptions): Parsed<ServiceKey> {
  const given = options.get('service');
  if (given === undefined) return fail('missing-service', 'no -t, -u or -f service given');
  const ipv6 = options.has('ipv6');
  if (given.name === '-f') {
    const mark = parseNumber(given.value, 1, MAX_FWMARK, 'fwmark');
    if (!mark.ok) return mark;
    return ok({ kind: 'fwmark', mark: mark.value, family: ipv6 ? 'ipv6' : 'ipv4' });
  }
  if (ipv6) return fail('unknown-option', '-6 qualifies only a -f service');
  const parsed = parseAddressPort(given.value ?? '');
  if (!parsed.ok) return fail('invalid-address', parsed.message);
  const protocol = given.name === '-t' ? 'tcp' : given.name === '-u' ? 'udp' : 'sctp';
  // ipvsadm takes a missing port as 0 (allowed for persistent "all ports" services).
  return ok({ kind: 'address', protocol, address: parsed.address, port: parsed.port ?? 0 });
}

function isIPv6Service(key: ServiceKey): boolean {
  return key.kind === 'fwmark' ? key.family === 'ipv6' : key.address.includes(':');
}

function netmaskOf(text: string, key: ServiceKey): Parsed<string | undefined> {
  if (isIPv6Service(key)) {
    const prefix = parseNumber(text, 1, 128, 'IPv6 persistence prefix length');
    if (!prefix.ok) return fail('invalid-netmask', prefix.message);
    return ok(prefix.value === 128 ? undefined : String(prefix.value));
  }
  if (!isIPv4Address(text)) return fail('invalid-netmask', `"${text}" is not a dotted quad`);
  return ok(text === '255.255.255.255' ? undefined : text);
}

function persistenceOf(options: GivenOptions, key: ServiceKey): Parsed<Persistence | undefined> {
  const persistent = options.get('persistent');
  const mask = options.get('netmask');
  if (persistent === undefined) {
    // ipvsadm would store such a mask but never print it; it means nothing without -p.
    if (mask !== undefined) return fail('invalid-netmask', '-M without -p');
    return ok(undefined);
  }
  const timeout =
    persistent.value === undefined
      ? ok(DEFAULT_PERSISTENCE)
      : parseNumber(persistent.value, 1, MAX_PERSISTENCE, 'persistence timeout');
  if (!timeout.ok) return timeout;
  const netmask = mask === undefined ? ok(undefined) : netmaskOf(mask.value ?? '', key);
  if (!netmask.ok) return netmask;
  return ok({ timeout: timeout.value, netmask: netmask.value });
}

function serviceOf(options: GivenOptions): Parsed<ServiceSettings> {
  const key = serviceKeyOf(options);
  if (!key.ok) return key;
  const persistence = persistenceOf(options, key.value);
  if (!persistence.ok) return persistence;
  const flags = options.get('sched-flags')?.value;
  return ok({
    key: key.value,
    // ipvsadm's default scheduler when -s is absent.
    scheduler: options.get('scheduler')?.value ?? 'wlc',
    persistence: persistence.value,
    persistenceEngine: options.get('pe')?.value,
    onePacket: options.has('ops'),
    schedulerFlags: flags === undefined ? [] : flags.split(','),
  });
}

const FORWARDING_OPTIONS: Readonly<Record<string, Forwarding>> = {
  '-m': 'masq',
  '-g': 'gate',
  '-i': 'ipip',
};

const CHECKSUM_OPTIONS: Readonly<Record<string, TunnelChecksum>> = {
  '--tun-nocsum': 'nocsum',
  '--tun-csum': 'csum',
  '--tun-remcsum': 'remcsum',
};

function tunnelOf(
  options: GivenOptions,
  forwarding: Forwarding,
): Parsed<TunnelEncapsulation | undefined> {
  const type = options.get('tun-type')?.value;
  const port = options.get('tun-port')?.value;
  const checksumOption = options.get('tun-checksum')?.name;
  const anyGiven = type !== undefined || port !== undefined || checksumOption !== undefined;
  if (anyGiven && forwarding !== 'ipip') {
    return fail('invalid-tunnel', 'tunnel options need -i forwarding');
  }
  const checksum = CHECKSUM_OPTIONS[checksumOption ?? '--tun-nocsum'] ?? 'nocsum';
  if (type === undefined || type === 'ipip') {
    if (port !== undefined || checksumOption !== undefined) {
      return fail('invalid-tunnel', 'ipip tunnels take no --tun-port or checksum options');
    }
    return ok(undefined);
  }
  if (type === 'gre') {
    if (port !== undefined) return fail('invalid-tunnel', 'gre tunnels take no --tun-port');
    return ok({ type: 'gre', checksum });
  }
  if (type !== 'gue') return fail('invalid-tunnel', `unknown tunnel type "${type}"`);
  const tunnelPort = port === undefined ? undefined : parsePort(port);
  if (tunnelPort === undefined || tunnelPort === 0) {
    return fail('invalid-tunnel', 'gue tunnels need --tun-port 1..65535');
  }
  return ok({ type: 'gue', port: tunnelPort, checksum });
}

function destinationOf(options: GivenOptions, key: ServiceKey): Parsed<Destination> {
  const real = options.get('real-server');
  if (real === undefined) return fail('missing-real-server', 'no -r real server given');
  const address = parseAddressPort(real.value ?? '');
  if (!address.ok) return fail('invalid-address', address.message);
  // ipvsadm's default forwarding method is gatewaying.
  const forwarding = FORWARDING_OPTIONS[options.get('forwarding')?.name ?? '-g'] ?? 'gate';
  const weight = parseNumber(options.get('weight')?.value ?? '1', 0, MAX_WEIGHT, 'weight');
  if (!weight.ok) return weight;
  const upper = parseNumber(options.get('u-threshold')?.value ?? '0', 0, MAX_THRESHOLD, '-x');
  if (!upper.ok) return upper;
  const lower = parseNumber(options.get('l-threshold')?.value ?? '0', 0, MAX_THRESHOLD, '-y');
  if (!lower.ok) return lower;
  const tunnel = tunnelOf(options, forwarding);
  if (!tunnel.ok) return tunnel;
  return ok({
    address: address.address,
    port: destinationPort(key, forwarding, address.port),
    forwarding,
    weight: weight.value,
    upperThreshold: upper.value,
    lowerThreshold: lower.value,
    tunnel: tunnel.value,
  });
}

interface ServiceUnderConstruction {
  readonly settings: ServiceSettings;
  readonly destinations: Map<string, Destination>;
}

/** Parses `ipvsadm -Sn` output into a table, reporting every bad line. */
export function parseSaveFormat(text: string): SaveFormatResult {
  const services = new Map<string, ServiceUnderConstruction>();
  const errors: SaveFormatError[] = [];
  text.split('\n').forEach((raw, index) => {
    const tokens = raw
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '');
    // Blank lines, comments, and a leading `ipvsadm` word are skipped as ipvsadm -R does.
    const words = tokens[0] === 'ipvsadm' ? tokens.slice(1) : tokens;
    if (words.length === 0 || (words[0] ?? '').startsWith('#')) return;
    const problem = parseLine(words, services);
    if (problem === undefined) return;
    errors.push({ line: index + 1, text: raw, code: problem.code, message: problem.message });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, table: { services: [...services.values()].map(freeze) } };
}

function freeze(service: ServiceUnderConstruction): VirtualService {
  return { ...service.settings, destinations: [...service.destinations.values()] };
}

type LineProblem = { readonly code: SaveFormatErrorCode; readonly message: string };

function parseLine(
  words: readonly string[],
  services: Map<string, ServiceUnderConstruction>,
): LineProblem | undefined {
  const split = splitLine(words);
  if (!split.ok) return split;
  if (split.command === '-A') {
    const settings = serviceOf(split.options);
    if (!settings.ok) return settings;
    const key = serviceKeyString(settings.value.key);
    if (services.has(key)) return { code: 'duplicate-service', message: `${key} listed twice` };
    services.set(key, { settings: settings.value, destinations: new Map() });
    return undefined;
  }
  const key = serviceKeyOf(split.options);
  if (!key.ok) return key;
  const service = services.get(serviceKeyString(key.value));
  if (service === undefined) {
    return { code: 'unknown-service', message: `${serviceKeyString(key.value)} has no -A line` };
  }
  const destination = destinationOf(split.options, service.settings.key);
  if (!destination.ok) return destination;
  const destKey = destinationKeyString(destination.value);
  if (service.destinations.has(destKey)) {
    return { code: 'duplicate-destination', message: `${destKey} listed twice` };
  }
  service.destinations.set(destKey, destination.value);
  return undefined;
}
