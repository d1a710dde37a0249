// piranha-status's command line: print the daemons' status (text or --json), or serve it as
// Prometheus metrics with --prometheus ADDRESS:PORT. Bad options exit 2, not the daemons' 1,
// since 1 already means "a daemon did not answer properly".
import { daemonCommand, socketPath } from '@piranha-ts/daemon';

export const PROGRAM = 'piranha-status';
export const DEFAULT_TIMEOUT_MS = 2_000;

export function statusCommand() {
  return daemonCommand(PROGRAM, "prints pulse's and lvsd's status, or serves it to Prometheus")
    .option('--json', 'print one JSON object {pulse, lvsd} instead of text', false)
    .option('--rundir <dir>', 'directory of pulse.sock and lvsd.sock (default $PIRANHA_RUNDIR)')
    .option('--timeout <ms>', 'milliseconds to wait for each answer', String(DEFAULT_TIMEOUT_MS))
    .option(
      '--prometheus <address:port>',
      'serve GET /metrics on this address (e.g. 127.0.0.1:9539)',
    )
    .option('--syslog', 'with --prometheus: log to syslog instead of stdout', false)
    .option('-v, --verbose', 'with --prometheus: log every scrape (DEBUG)', false);
}

export interface Sockets {
  readonly pulse: string;
  readonly lvsd: string;
  readonly timeoutMs: number;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export type StatusRun =
  | { readonly kind: 'print'; readonly sockets: Sockets; readonly json: boolean }
  | {
      readonly kind: 'serve';
      readonly sockets: Sockets;
      readonly listen: ListenAddress;
      readonly syslog: boolean;
      readonly verbose: boolean;
    };

export type OptionsResult =
  { readonly ok: true; readonly run: StatusRun } | { readonly ok: false; readonly message: string };

/** `HOST:PORT` or `[IPV6]:PORT`; undefined when it is neither. */
export function parseListenAddress(text: string): ListenAddress | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  const host = match?.[1] ?? match?.[2];
  if (host === undefined || !(port >= 1 && port <= 65_535)) return undefined;
  return { host, port };
}

function bad(flag: string, why: string, value: unknown): OptionsResult {
  return { ok: false, message: `bad argument ${flag}: ${why}, got "${String(value)}"` };
}

function sockets(raw: Record<string, unknown>, env: NodeJS.ProcessEnv, timeoutMs: number): Sockets {
  const rundir = raw['rundir'];
  const where = typeof rundir === 'string' ? { PIRANHA_RUNDIR: rundir } : env;
  return {
    pulse: socketPath('pulse.sock', where),
    lvsd: socketPath('lvsd.sock', where),
    timeoutMs,
  };
}

function serveRun(raw: Record<string, unknown>, sockets: Sockets, address: unknown): OptionsResult {
  if (raw['json'] === true)
    return { ok: false, message: '--json and --prometheus exclude each other' };
  const listen = parseListenAddress(String(address));
  if (listen === undefined) return bad('--prometheus', 'expected ADDRESS:PORT', address);
  const syslog = raw['syslog'] === true;
  const verbose = raw['verbose'] === true;
  return { ok: true, run: { kind: 'serve', sockets, listen, syslog, verbose } };
}

/** Commander's option values as a run; `env` supplies PIRANHA_RUNDIR. */
export function statusOptions(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): OptionsResult {
  const timeoutMs = Number(raw['timeout']);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    return bad('--timeout', 'expected a whole number of milliseconds >= 1', raw['timeout']);
  }
  if (raw['rundir'] === '') return bad('--rundir', 'expected a directory', '');
  const where = sockets(raw, env, timeoutMs);
  if (raw['prometheus'] !== undefined) return serveRun(raw, where, raw['prometheus']);
  if (raw['syslog'] === true || raw['verbose'] === true) {
    return { ok: false, message: '--syslog and --verbose go with --prometheus' };
  }
  return { ok: true, run: { kind: 'print', sockets: where, json: raw['json'] === true } };
}
