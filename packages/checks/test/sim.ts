// A virtual-time driver for the monitor: it performs effects the way the io side will (one
// timer, one probe at a time) and answers checks from a script of the server's health.
import {
  monitorConfig,
  startMonitor,
  step,
  type CheckOutcome,
  type MonitorEvent,
  type MonitorOptions,
  type MonitorState,
  type ProgramRun,
  type Report,
  type ReportCause,
} from '@piranha-ts/checks';

export const TARGET = { address: '10.0.0.5', port: 80 } as const;

/** true/false, a full outcome, or 'hang' for a probe that never reports. */
export type Answer = boolean | CheckOutcome | 'hang';

export interface SimOptions extends Partial<MonitorOptions> {
  /** The answer to the check that starts at this time (the nth check, from 1). */
  readonly health?: (startMs: number, n: number) => Answer;
  readonly checkMs?: number;
  readonly load?: (startMs: number) => ProgramRun | 'hang';
  readonly loadMs?: number;
}

export interface Logged<T> {
  readonly at: number;
  readonly value: T;
}

interface Scheduled {
  readonly at: number;
  readonly event: MonitorEvent;
}

export class Sim {
  now = 0;
  state: MonitorState;
  exitCode: number | undefined;
  readonly reports: Logged<{ report: Report; cause: ReportCause }>[] = [];
  readonly logs: Logged<string>[] = [];
  readonly checkStarts: number[] = [];
  readonly loadStarts: number[] = [];
  readonly aborted: number[] = [];
  private timer: Scheduled | undefined;
  private probe: Scheduled | undefined;
  private external: Scheduled[] = [];

  constructor(private readonly options: SimOptions = {}) {
    const config = monitorConfig({
      target: TARGET,
      check: { kind: 'tcp', target: TARGET, send: undefined, reply: { kind: 'none' } },
      intervalMs: 10_000,
      ...options,
    });
    const started = startMonitor(config, 0);
    if (!started.ok) throw new Error(started.errors.join('; '));
    this.state = started.result.state;
    this.perform(started.result.effects);
    this.runUntil(0);
  }

  /** Delivers an event now, as the io side would. */
  send(event: MonitorEvent): void {
    const result = step(this.state, event, this.now);
    this.state = result.state;
    this.perform(result.effects);
  }

  /** Delivers an event at a later time. */
  schedule(at: number, event: MonitorEvent): void {
    this.external.push({ at, event });
    this.external.sort((a, b) => a.at - b.at);
  }

  /** Runs everything due up to and including this time. */
  runUntil(until: number): void {
    for (;;) {
      const next = [this.external[0], this.probe, this.timer]
        .filter((s): s is Scheduled => s !== undefined && s.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      if (next === this.external[0]) this.external.shift();
      if (next === this.probe) this.probe = undefined;
      if (next === this.timer) this.timer = undefined;
      this.now = next.at;
      this.send(next.event);
    }
    this.now = until;
  }

  /** Reports as 'up 3', 'down', 'weight 0', with their cause. */
  reportLines(): string[] {
    return this.reports.map(
      ({ at, value }) => `${at} ${describeReport(value.report)} ${value.cause}`,
    );
  }

  messages(): string[] {
    return this.logs.map(({ value }) => value);
  }

  private perform(effects: ReturnType<typeof step>['effects']): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'start-check': {
          this.checkStarts.push(this.now);
          const answer = (this.options.health ?? (() => true))(this.now, this.checkStarts.length);
          if (answer === 'hang') break;
          const outcome: CheckOutcome =
            typeof answer === 'boolean'
              ? answer
                ? { ok: true }
                : { ok: false, failure: { reason: 'connect-timeout' } }
              : answer;
          const at = this.now + (this.options.checkMs ?? 0);
          this.probe = { at, event: { type: 'check-result', id: effect.id, outcome } };
          break;
        }
        case 'start-load': {
          this.loadStarts.push(this.now);
          const run = (this.options.load ?? (() => 'hang' as const))(this.now);
          if (run === 'hang') break;
          const at = this.now + (this.options.loadMs ?? 0);
          this.probe = { at, event: { type: 'load-result', id: effect.id, run } };
          break;
        }
        case 'abort-probe':
          this.aborted.push(effect.id);
          this.probe = undefined;
          break;
        case 'arm-timer':
          this.timer = { at: this.now + effect.ms, event: { type: 'timer', id: effect.id } };
          break;
        case 'report':
          this.reports.push({
            at: this.now,
            value: { report: effect.report, cause: effect.cause },
          });
          break;
        case 'log':
          this.logs.push({ at: this.now, value: `${effect.level}: ${effect.message}` });
          break;
        case 'exit':
          this.exitCode = effect.code;
          break;
      }
    }
  }
}

export function describeReport(report: Report): string {
  return report.status === 'down' ? 'down' : `${report.status} ${report.weight}`;
}
