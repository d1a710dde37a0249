// pulse's command line: the original options (section 4.1 of the reference), plus the paths
// and the heartbeat key that tests and hardened set-ups need.
import { Option } from 'commander';
import { DEFAULT_CONFIG_FILE } from '@piranha-ts/config/io';
import { daemonCommand, wholeNumberArgument } from '@piranha-ts/daemon';
import { besideSelf } from './argv.js';

export interface PulseCliOptions {
  readonly configfile: string;
  readonly nodaemon: boolean;
  /** Internal: the detached copy a daemon pulse starts of itself. */
  readonly nofork: boolean;
  readonly forceactive: boolean;
  readonly lvsd: string;
  readonly fos: string;
  readonly sendArp: string;
  readonly verbose: boolean;
  readonly testStart: boolean;
  readonly check: boolean;
  /** Ask the running pulse for its status instead of starting one. */
  readonly status: boolean;
  readonly json: boolean;
  readonly pidfile: string;
  readonly heartbeatKey: string | undefined;
  readonly warmStandby: boolean;
  /** SCHED_RR priority for pulse (--rt-priority), as keepalived's vrrp_rt_priority. */
  readonly rtPriority: number | undefined;
}

export type PulseOptionsResult =
  | { readonly ok: true; readonly options: PulseCliOptions }
  | { readonly ok: false; readonly message: string };

/** `selfPath` is pulse's own executable: lvsd and send_arp default to its siblings. */
export function pulseCommand(selfPath: string) {
  return daemonCommand('pulse', 'heartbeat daemon of the LVS routers')
    .option('-c, --configfile <file>', 'configuration file', DEFAULT_CONFIG_FILE)
    .option('-n, --nodaemon', 'stay in the foreground and log to stdout', false)
    .option('--forceactive', 'start in the active state', false)
    .option('--lvsd <path>', 'path of lvsd', besideSelf(selfPath, 'lvsd'))
    .option('--lvs <path>', 'same as --lvsd (older spelling)')
    .option('--fos <path>', 'path of fos', besideSelf(selfPath, 'fos'))
    .option('--send-arp <path>', 'path of send_arp', besideSelf(selfPath, 'send_arp'))
    .option('-v, --verbose', 'log DEBUG lines; pass -v to lvsd', false)
    .option('-t, --test-start', 'run without starting lvsd', false)
    .option('--norun', 'same as --test-start', false)
    .option('--check', 'check the configuration and the start-up decisions, then exit', false)
    .option('--status', "print the running pulse's status (from its socket) and exit", false)
    .option('--json', 'with --status: print the answer as JSON', false)
    .option('--pidfile <file>', 'pid file', '/var/run/pulse.pid')
    .option('--heartbeat-key <file>', 'sign heartbeats with this key and refuse unsigned ones')
    .option(
      '--warm-standby',
      'run lvsd and its monitors while inactive too, so a takeover finds them running',
      false,
    )
    .option('--rt-priority <priority>', 'run at this real-time (SCHED_RR) priority, 1 to 99')
    .addOption(new Option('--nofork').hideHelp().default(false));
}

export function pulseOptions(raw: Record<string, unknown>): PulseOptionsResult {
  const key = raw['heartbeatKey'];
  const rt = raw['rtPriority'];
  const rtPriority = rt === undefined ? undefined : wholeNumberArgument(rt, '--rt-priority', 1, 99);
  if (typeof rtPriority === 'string') return { ok: false, message: rtPriority };
  const options: PulseCliOptions = {
    configfile: String(raw['configfile']),
    nodaemon: raw['nodaemon'] === true,
    nofork: raw['nofork'] === true,
    forceactive: raw['forceactive'] === true,
    lvsd: String(raw['lvs'] ?? raw['lvsd']),
    fos: String(raw['fos']),
    sendArp: String(raw['sendArp']),
    verbose: raw['verbose'] === true,
    testStart: raw['testStart'] === true || raw['norun'] === true,
    check: raw['check'] === true,
    status: raw['status'] === true,
    json: raw['json'] === true,
    pidfile: String(raw['pidfile']),
    heartbeatKey: typeof key === 'string' ? key : undefined,
    warmStandby: raw['warmStandby'] === true,
    rtPriority,
  };
  return { ok: true, options };
}
