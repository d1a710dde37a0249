// Group mode: one nanny process runs the monitors lvsd assigns to it and reports over lvsd's
// socket; it never touches ipvsadm. Monitors cost a timer and a probe in flight each, so one
// process carries hundreds. The process ends when lvsd's socket closes (lvsd restarts it), or
// with SIGTERM/SIGINT (exit 0).
import { connectSocket, type Logger, type MessageConnection } from '@piranha-ts/daemon';
import {
  NANNY_STATUS_INTERVAL_MS,
  decodeToNanny,
  type FromNanny,
  type MonitorAssignment,
  type MonitorReport,
  type ToNanny,
} from '@piranha-ts/protocol';
import type { MonitorSignal } from '@piranha-ts/checks';
import { argvKey, planAssign, sameReport, wireReport } from '../group-plan.js';
import { parseMonitorArgv } from '../monitor-argv.js';
import { startRunner, type MonitorRunner } from './monitor-runner.js';
import { logTo, onSignals } from './signals.js';

export interface GroupOptions {
  readonly socket: string;
  readonly group: string;
  /** How long to keep trying to reach lvsd's socket at start. */
  readonly connectForMs: number;
}

interface Running {
  readonly key: string;
  readonly runner: MonitorRunner;
  report: MonitorReport | undefined;
}

export async function runGroup(options: GroupOptions, logger: Logger): Promise<number> {
  const monitors = new Map<string, Running>();
  let ending = false;
  let resolveFinished: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (resolveFinished = resolve));
  const finish = (code: number): void => {
    ending = true;
    resolveFinished(code);
  };
  const connected = await connectSocket<ToNanny, FromNanny>({
    path: options.socket,
    decode: decodeToNanny,
    retryForMs: options.connectForMs,
    handlers: {
      onMessage: (message) => assign(message.monitors),
      onDecodeError: (error) => logger.warn(`bad message from lvsd: ${error.message}`),
      onClose: () => {
        // lvsd closes its socket as it stops us: after our SIGTERM that is no news.
        if (ending) return;
        logger.error(`lost the connection to lvsd on ${options.socket}`);
        finish(1);
      },
    },
  });
  if (!connected.ok) {
    logger.error(`cannot reach lvsd: ${connected.error.message}`);
    return 1;
  }
  const lvsd: MessageConnection<FromNanny> = connected.value;

  const status = (): void => {
    const reports = [...monitors.values()].flatMap((m) => (m.report ? [m.report] : []));
    lvsd.send({ v: 1, type: 'status', reports });
  };

  /**
   * `slot` of `slots`: where the first check falls within one interval. Hundreds of monitors
   * checking in the same tick would time each other out; spread, they stay spread.
   */
  function start(monitor: MonitorAssignment, slot: number, slots: number): void {
    const parsed = parseMonitorArgv(monitor.argv);
    const fail = (message: string): void => {
      logger.error(`monitor ${monitor.id}: ${message}`);
      lvsd.send({ v: 1, type: 'error', id: monitor.id, message });
    };
    if (!parsed.ok) return fail(parsed.message);
    const entry: { current?: Running } = {};
    const delayMs = Math.floor((slot * parsed.settings.monitor.intervalMs) / slots);
    const started = startRunner(
      parsed.settings.monitor,
      {
        log: logTo(logger),
        exit: () => {},
        report: (report, cause, lines) => {
          const running = entry.current;
          if (running === undefined) return;
          const inService = running.runner.state().inService;
          const wire = wireReport(monitor.id, report, inService, lines, cause);
          const changed = !sameReport(running.report, wire);
          running.report = wire;
          if (changed) lvsd.send({ v: 1, type: 'report', ...wire });
        },
      },
      delayMs,
    );
    if (!started.ok) return fail(started.errors.join('; '));
    entry.current = { key: argvKey(monitor.argv), runner: started.runner, report: undefined };
    monitors.set(monitor.id, entry.current);
    for (const line of parsed.settings.startLines) logger.debug(line.message);
  }

  function assign(wanted: readonly MonitorAssignment[]): void {
    const running = new Map([...monitors].map(([id, m]) => [id, m.key]));
    const plan = planAssign(running, wanted);
    for (const id of plan.stop) {
      monitors.get(id)?.runner.stop();
      monitors.delete(id);
    }
    for (const id of plan.duplicates) {
      lvsd.send({ v: 1, type: 'error', id, message: `monitor id ${id} assigned more than once` });
    }
    plan.start.forEach((monitor, slot) => start(monitor, slot, plan.start.length));
    logger.info(
      `monitoring ${monitors.size} servers for group ${options.group} (${plan.start.length} started, ${plan.stop.length} stopped)`,
    );
    status();
  }

  const forward = (signal: MonitorSignal) => () => {
    for (const m of monitors.values()) m.runner.signal(signal);
  };
  const offSignals = onSignals({
    terminate: (signal) => {
      logger.info(`Terminating due to signal ${signal}`);
      finish(0);
    },
    forceDown: forward('force-down'),
    forceUp: forward('force-up'),
    resume: forward('resume'),
  });

  lvsd.send({ v: 1, type: 'hello', pid: process.pid, group: options.group });
  const resend = setInterval(status, NANNY_STATUS_INTERVAL_MS);
  const code = await finished;
  offSignals();
  clearInterval(resend);
  for (const m of monitors.values()) m.runner.stop();
  monitors.clear();
  lvsd.close();
  return code;
}
