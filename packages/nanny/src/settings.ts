// From parsed options to what one monitor needs (section 6.2): the target, the check, the
// monitor's timing and weights, the ipvsadm service, and the lines logged at start.
import {
  configErrors,
  deriveCheck,
  loadArgv,
  monitorConfig,
  type LogLine,
  type MonitorConfig,
  type Target,
} from '@piranha-ts/checks';

export type Method = '-m' | '-g' | '-i';

/** The IPVS entry a standalone nanny edits. */
export interface IpvsEntry {
  readonly virtualAddress: string;
  readonly virtualPort: number;
  readonly fwmark: number;
  readonly udp: boolean;
  readonly real: Target;
  readonly method: Method;
}

export interface MonitorSettings {
  readonly entry: IpvsEntry;
  readonly monitor: MonitorConfig;
  /** Logged once at start, in order. */
  readonly startLines: readonly LogLine[];
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: MonitorSettings }
  | { readonly ok: false; readonly message: string };

type Raw = Readonly<Record<string, unknown>>;

const text = (raw: Raw, ...keys: readonly string[]): string | undefined => {
  for (const key of keys) if (typeof raw[key] === 'string') return raw[key];
  return undefined;
};
const flag = (raw: Raw, ...keys: readonly string[]): boolean => keys.some((k) => raw[k] === true);
const count = (raw: Raw, key: string): number | undefined =>
  typeof raw[key] === 'number' ? raw[key] : undefined;

/** inet_aton's dotted quad, the only form nanny takes (host names are refused). */
export function isDottedQuad(address: string): boolean {
  const parts = address.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** `-M`: m, g or i with an optional leading `-`; anything else is NAT, as in the original. */
export function forwardingMethod(value: string): Method {
  const letter = value.replace(/^-/, '');
  return letter === 'g' ? '-g' : letter === 'i' ? '-i' : '-m';
}

function serviceError(raw: Raw): string | undefined {
  if (flag(raw, 'fos') || text(raw, 'startup', 'shutdown') !== undefined) {
    return 'failover service monitoring (--fos, -R, -D) is not supported; use --lvs';
  }
  const address = text(raw, 'server');
  if (address === undefined) return "No address supplied. Use '--help' for help.";
  if (!isDottedQuad(address)) return `bad IP address -- ${address}`;
  const ports: readonly [string, number | undefined][] = [
    ['--port', count(raw, 'port')],
    ['--rport', count(raw, 'rport')],
  ];
  for (const [name, port] of ports) {
    if (port !== undefined && (port < 0 || port > 65535)) return `bad argument ${name}: ${port}`;
  }
  const interval = count(raw, 'interval');
  if (interval !== undefined && interval < 1) {
    return `bad argument --interval: ${interval}: the interval is 1 second or more`;
  }
  return undefined;
}

export function monitorSettings(raw: Raw): SettingsResult {
  const invalid = serviceError(raw);
  if (invalid !== undefined) return { ok: false, message: invalid };
  const address = text(raw, 'server') ?? '';
  const virtualPort = count(raw, 'port') ?? 80;
  const real: Target = { address, port: count(raw, 'rport') ?? virtualPort };
  const udp = flag(raw, 'udp', 'UDP');
  const derived = deriveCheck({
    target: real,
    virtualPort,
    protocol: udp ? 'udp' : 'tcp',
    send: text(raw, 'send_string', 'send_str'),
    expect: text(raw, 'expect_string', 'expect_str'),
    sendProgram: text(raw, 'send_program'),
    regex: flag(raw, 'regex'),
    translateEscapes: !flag(raw, 'suppress'),
  });
  if (!derived.ok) return { ok: false, message: derived.error };
  const seconds = (key: string): number | undefined => {
    const value = count(raw, key);
    return value === undefined ? undefined : value * 1000;
  };
  const monitor = monitorConfig({
    target: real,
    check: derived.spec,
    intervalMs: seconds('interval'),
    reentryMs: seconds('reentrytime'),
    weight: count(raw, 'weight'),
    scale: count(raw, 'scale'),
    quiesce: flag(raw, 'quiesce_server', 'quiesceServer'),
    loadArgv: loadArgv(text(raw, 'loadcmd') ?? 'none', address),
  });
  const unusable = configErrors(monitor);
  if (unusable.length > 0) return { ok: false, message: unusable.join('; ') };
  const entry: IpvsEntry = {
    virtualAddress: text(raw, 'virtaddress') ?? '',
    virtualPort,
    fwmark: count(raw, 'fwmark') ?? 0,
    udp,
    real,
    method: forwardingMethod(text(raw, 'method') ?? 'm'),
  };
  const starting: LogLine = {
    level: 'info',
    message: `starting LVS client monitor for ${entry.virtualAddress}:${virtualPort} -> ${address}:${real.port}`,
  };
  return { ok: true, settings: { entry, monitor, startLines: [starting, ...derived.lines] } };
}
