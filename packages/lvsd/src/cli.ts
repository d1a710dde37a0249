// lvsd's command line: the original options (section 5.1 of the reference) plus
// --print-table and the run-time paths tests and namespaces need.
import { DEFAULT_CONFIG_FILE } from '@piranha-ts/config/io';
import { daemonCommand, wholeNumberArgument } from '@piranha-ts/daemon';

export interface LvsdOptions {
  readonly configfile: string;
  readonly nodaemon: boolean;
  readonly nofork: boolean;
  readonly testStart: boolean;
  readonly verbose: boolean;
  readonly printTable: boolean;
  readonly clearTable: boolean;
  readonly pidfile: string;
  /** Seconds between two reconciliations of the kernel table with the configuration. */
  readonly reconcileInterval: number;
  /** No health monitors: every active real server is taken as up. */
  readonly assumeUp: boolean;
  /** Most monitors one nanny process carries. */
  readonly monitorsPerNanny: number;
  /** Monitor only until pulse says `activate` on lvsd's socket. */
  readonly standby: boolean;
}

export function lvsdCommand() {
  return daemonCommand('lvsd', 'builds and maintains the kernel IPVS table from lvs.cf')
    .option('-c, --configfile <file>', 'configuration file', DEFAULT_CONFIG_FILE)
    .option('-n, --nodaemon', 'stay in the foreground and log to stdout', false)
    .option('--nofork', 'run as a daemon without forking (how pulse starts lvsd)', false)
    .option('-t, --test-start', 'print the ipvsadm commands a start would run, run none', false)
    .option('-v, --verbose', 'log DEBUG lines', false)
    .option(
      '--print-table',
      'print the IPVS table the configuration asks for (ipvsadm -Sn format)',
      false,
    )
    .option(
      '--clear-table',
      'clear the whole IPVS table at start, as the original always did',
      false,
    )
    .option('--pidfile <file>', 'pid file', '/var/run/lvs.pid')
    .option('--reconcile-interval <seconds>', 'seconds between checks of the kernel table', '30')
    .option(
      '--assume-up',
      'start no health monitors; every active real server is taken as up (table tests)',
      false,
    )
    .option('--monitors-per-nanny <count>', 'most real servers one nanny process watches', '1000')
    .option(
      '--standby',
      'run the monitors but leave the table alone until told to activate on the socket',
      false,
    );
}

export type OptionsResult =
  | { readonly ok: true; readonly options: LvsdOptions }
  | { readonly ok: false; readonly message: string };

export function lvsdOptions(raw: Record<string, unknown>): OptionsResult {
  const interval = Number(raw['reconcileInterval']);
  if (!Number.isFinite(interval) || interval < 1) {
    const message = `bad argument --reconcile-interval: expected seconds >= 1, got "${String(raw['reconcileInterval'])}"`;
    return { ok: false, message };
  }
  const perNanny = wholeNumberArgument(raw['monitorsPerNanny'], '--monitors-per-nanny', 1);
  if (typeof perNanny === 'string') return { ok: false, message: perNanny };
  return {
    ok: true,
    options: {
      configfile: String(raw['configfile']),
      nodaemon: raw['nodaemon'] === true,
      nofork: raw['nofork'] === true,
      testStart: raw['testStart'] === true,
      verbose: raw['verbose'] === true,
      printTable: raw['printTable'] === true,
      clearTable: raw['clearTable'] === true,
      pidfile: String(raw['pidfile']),
      reconcileInterval: interval,
      assumeUp: raw['assumeUp'] === true,
      monitorsPerNanny: perNanny,
      standby: raw['standby'] === true,
    },
  };
}
