// pulse's command line: the original options (section 4.1 of the reference).
import { DEFAULT_CONFIG_FILE } from '@piranha-ts/config/io';
import { daemonCommand } from '@piranha-ts/daemon';

export interface PulseOptions {
  readonly configfile: string;
  readonly nodaemon: boolean;
  readonly forceactive: boolean;
  readonly lvsd: string;
  readonly fos: string;
  readonly verbose: boolean;
  readonly testStart: boolean;
}

export function pulseCommand() {
  return daemonCommand('pulse', 'heartbeat daemon of the LVS routers')
    .option('-c, --configfile <file>', 'configuration file', DEFAULT_CONFIG_FILE)
    .option('-n, --nodaemon', 'stay in the foreground and log to stdout', false)
    .option('--forceactive', 'start in the active state', false)
    .option('--lvsd <path>', 'path of lvsd', '/usr/sbin/lvsd')
    .option('--lvs <path>', 'same as --lvsd (older spelling)')
    .option('--fos <path>', 'path of fos', '/usr/sbin/fos')
    .option('-v, --verbose', 'log DEBUG lines; pass -v to lvsd', false)
    .option(
      '-t, --test-start',
      'check the configuration and the start-up decisions, start nothing',
      false,
    )
    .option('--norun', 'same as --test-start', false);
}

export function pulseOptions(raw: Record<string, unknown>): PulseOptions {
  return {
    configfile: String(raw['configfile']),
    nodaemon: raw['nodaemon'] === true,
    forceactive: raw['forceactive'] === true,
    lvsd: String(raw['lvs'] ?? raw['lvsd']),
    fos: String(raw['fos']),
    verbose: raw['verbose'] === true,
    testStart: raw['testStart'] === true || raw['norun'] === true,
  };
}
