// Standalone mode, as the original ran: one real server, and nanny itself edits its IPVS entry
// with ipvsadm (section 6.6). An ipvsadm failure ends nanny with status 1, as before.
import { execa } from 'execa';
import { argvText } from '@piranha-ts/checks';
import type { Logger } from '@piranha-ts/daemon';
import { ipvsadmStep } from '../ipvsadm.js';
import type { MonitorSettings } from '../settings.js';
import { startRunner } from './monitor-runner.js';
import { logTo, onSignals } from './signals.js';

export interface StandaloneOptions {
  readonly ipvsadm: string;
  /** --test-start / --norun: log the commands, run none. */
  readonly testStart: boolean;
}

async function runIpvsadm(
  options: StandaloneOptions,
  args: readonly string[],
  logger: Logger,
): Promise<boolean> {
  const argv = [options.ipvsadm, ...args];
  if (options.testStart) {
    logger.info(argvText(argv));
    return true;
  }
  logger.debug(argvText(argv));
  const run = await execa(options.ipvsadm, args, { reject: false, stdin: 'ignore', shell: false });
  if (run.exitCode === 0) return true;
  const said = String(run.stderr).trim();
  if (said !== '') logger.debug(said);
  logger.error(`${options.ipvsadm} command failed!`);
  return false;
}

export async function runStandalone(
  settings: MonitorSettings,
  options: StandaloneOptions,
  logger: Logger,
): Promise<number> {
  for (const line of settings.startLines) logTo(logger)(line);
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  // ipvsadm runs one command at a time, in the order the monitor decided them.
  let queue: Promise<boolean> = Promise.resolve(true);
  let entryExists = false;

  const started = startRunner(settings.monitor, {
    log: logTo(logger),
    report: (report, cause) => {
      // The monitor's periodic restatement is for a socket peer; the table is ours alone.
      if (cause === 'resync') return;
      const next = ipvsadmStep(settings.entry, report, entryExists);
      entryExists = next.entryExists;
      const args = next.args;
      if (args === undefined) return;
      queue = queue.then(async (ok) => {
        if (!ok) return false;
        const done = await runIpvsadm(options, args, logger);
        if (!done) finish(1);
        return done;
      });
    },
    exit: (code) => void queue.then((ok) => finish(ok ? code : 1)),
  });
  if (!started.ok) {
    for (const error of started.errors) logger.error(error);
    return 1;
  }
  const { runner } = started;
  const offSignals = onSignals({
    terminate: (signal) => runner.terminate(signal),
    forceDown: () => runner.signal('force-down'),
    forceUp: () => runner.signal('force-up'),
    resume: () => runner.signal('resume'),
  });
  const code = await finished;
  offSignals();
  runner.stop();
  return code;
}
