// One monitor in motion: checks' pure step decides, this performs its effects (probes, the one
// timer, reports, log lines) and feeds results back as events. At most one probe per monitor
// is in flight; an aborted or stale probe's result is dropped by the step's id check.
import {
  startMonitor,
  step,
  type LogLine,
  type MonitorConfig,
  type MonitorEffect,
  type MonitorEvent,
  type MonitorSignal,
  type MonitorState,
  type Report,
  type ReportCause,
} from '@piranha-ts/checks';
import { cancellable, runCheck, type Cancel } from './probe.js';
import { runProgram } from './program.js';

export interface MonitorHooks {
  /** Log lines emitted in the same step come first, so a report can name its cause. */
  readonly report: (report: Report, cause: ReportCause, lines: readonly LogLine[]) => void;
  readonly log: (line: LogLine) => void;
  readonly exit: (code: number) => void;
}

export interface MonitorRunner {
  signal(signal: MonitorSignal): void;
  /** SIGTERM/SIGINT as the original handles them: a server in service is reported down. */
  terminate(signalNumber: number): void;
  /** Stops probes and the timer without reporting anything (group mode). */
  stop(): void;
  state(): MonitorState;
}

export type RunnerStart =
  | { readonly ok: true; readonly runner: MonitorRunner }
  | { readonly ok: false; readonly errors: readonly string[] };

/** `startDelayMs` puts off the first check (a group spreads its monitors over an interval). */
export function startRunner(
  config: MonitorConfig,
  hooks: MonitorHooks,
  startDelayMs = 0,
): RunnerStart {
  const started = startMonitor(config, Date.now());
  if (!started.ok) return started;
  let state = started.result.state;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const probes = new Map<number, Cancel>();

  const feed = (event: MonitorEvent): void => {
    if (stopped) return;
    const result = step(state, event, Date.now());
    state = result.state;
    perform(result.effects);
  };

  /** `start` calls back once with the probe's event, unless the probe is cancelled first. */
  const probe = (id: number, start: (done: (event: MonitorEvent) => void) => Cancel): void => {
    probes.set(
      id,
      start((event) => {
        probes.delete(id);
        feed(event);
      }),
    );
  };

  function perform(effects: readonly MonitorEffect[]): void {
    const lines: LogLine[] = [];
    for (const effect of effects) {
      switch (effect.kind) {
        case 'start-check':
          probe(effect.id, (done) =>
            runCheck(effect.spec, effect.timeoutMs, (outcome) =>
              done({ type: 'check-result', id: effect.id, outcome }),
            ),
          );
          break;
        case 'start-load':
          probe(effect.id, (done) =>
            cancellable(
              (signal) => runProgram(effect.argv, effect.timeoutMs, signal),
              (run) => done({ type: 'load-result', id: effect.id, run }),
            ),
          );
          break;
        case 'abort-probe':
          probes.get(effect.id)?.();
          probes.delete(effect.id);
          break;
        case 'arm-timer':
          clearTimeout(timer);
          timer = setTimeout(() => feed({ type: 'timer', id: effect.id }), effect.ms);
          break;
        case 'report':
          hooks.report(effect.report, effect.cause, lines);
          break;
        case 'log':
          lines.push(effect);
          hooks.log(effect);
          break;
        case 'exit':
          halt();
          hooks.exit(effect.code);
          break;
      }
    }
  }

  function halt(): void {
    stopped = true;
    clearTimeout(timer);
    for (const cancel of probes.values()) cancel();
    probes.clear();
  }

  if (startDelayMs > 0) timer = setTimeout(() => perform(started.result.effects), startDelayMs);
  else perform(started.result.effects);
  return {
    ok: true,
    runner: {
      signal: (signal) => feed({ type: 'signal', signal }),
      terminate: (signal) => feed({ type: 'terminate', signal }),
      stop: halt,
      state: () => state,
    },
  };
}
