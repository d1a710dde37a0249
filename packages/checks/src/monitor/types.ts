// The health monitor's state, events and effects. One machine serves every check kind: the
// io side runs whatever CheckSpec it is handed and reports a CheckOutcome.
import type { CheckOutcome, LogLevel, Target } from '../failure.js';
import type { ProgramRun } from '../program.js';
import type { CheckSpec } from '../spec.js';

export interface MonitorConfig {
  /** The real server and real port, as they appear in log lines. */
  readonly target: Target;
  readonly check: CheckSpec;
  /** -t: the pause between the end of one round and the next check. */
  readonly intervalMs: number;
  /** The deadline for a whole check (connect, send and reply together), and for a load probe. */
  readonly checkTimeoutMs: number;
  /** -a: a failed server must pass floor(reentry / interval) checks in a row to return. */
  readonly reentryMs: number;
  /** -w */
  readonly weight: number;
  /** -S */
  readonly scale: number;
  /** -q: a failed server keeps its entry with weight 0 instead of being removed. */
  readonly quiesce: boolean;
  /** [V08]: enter with weight/32 and double at each load cycle. */
  readonly slowStart: boolean;
  /** The load probe (see loadArgv); undefined probes nothing. */
  readonly loadArgv: readonly string[] | undefined;
  /** Failures in a row tolerated before a server in service is taken out; 0 as in the original. */
  readonly retries: number;
  /** A full restatement of the status every this many checks; 0 never. */
  readonly resyncEvery: number;
}

/**
 * Each report states where the server stands, so applying one twice changes nothing:
 * `up`: in the table with this weight; `down`: not in the table; `weight`: still in the
 * table, now with this weight (0 when quiesced).
 */
export type Report =
  | { readonly status: 'up'; readonly weight: number }
  | { readonly status: 'down' }
  | { readonly status: 'weight'; readonly weight: number };

export type ReportCause = 'transition' | 'slow-start' | 'load' | 'signal' | 'terminate' | 'resync';

export type MonitorEffect =
  | {
      readonly kind: 'start-check';
      readonly id: number;
      readonly spec: CheckSpec;
      readonly timeoutMs: number;
    }
  | {
      readonly kind: 'start-load';
      readonly id: number;
      readonly argv: readonly string[];
      readonly timeoutMs: number;
    }
  /** Stop the probe with this id (SIGKILL a child, close a socket); its result is not wanted. */
  | { readonly kind: 'abort-probe'; readonly id: number }
  /** Replaces any armed timer; a timer event carries the id back. */
  | { readonly kind: 'arm-timer'; readonly id: number; readonly ms: number }
  | { readonly kind: 'report'; readonly report: Report; readonly cause: ReportCause }
  | { readonly kind: 'log'; readonly level: LogLevel; readonly message: string }
  | { readonly kind: 'exit'; readonly code: number };

/** SIGUSR1, SIGUSR2 and SIGHUP (section 6.9). */
export type MonitorSignal = 'force-down' | 'force-up' | 'resume';

export type MonitorEvent =
  | { readonly type: 'check-result'; readonly id: number; readonly outcome: CheckOutcome }
  | { readonly type: 'load-result'; readonly id: number; readonly run: ProgramRun }
  | { readonly type: 'timer'; readonly id: number }
  | { readonly type: 'signal'; readonly signal: MonitorSignal }
  /** SIGTERM or SIGINT, with its number for the log line. */
  | { readonly type: 'terminate'; readonly signal: number };

export type Phase =
  | { readonly kind: 'checking'; readonly id: number; readonly sinceMs: number }
  | { readonly kind: 'loading'; readonly id: number; readonly sinceMs: number }
  | { readonly kind: 'waiting'; readonly id: number }
  /** After USR1/USR2: no checks until the next signal. */
  | { readonly kind: 'frozen'; readonly forced: 'up' | 'down' }
  | { readonly kind: 'stopped' };

export interface MonitorState {
  readonly config: MonitorConfig;
  /** floor(reentry / interval): passes in a row needed to return to service. */
  readonly countThresh: number;
  readonly phase: Phase;
  readonly nextId: number;
  /** In the table and taking connections. */
  readonly inService: boolean;
  /** Out of service but still in the table with weight 0 (quiesce). */
  readonly quiesced: boolean;
  /** Passes in a row (the original's currCount; it starts at countThresh). */
  readonly passes: number;
  /** Failures in a row while in service, for retries. */
  readonly failures: number;
  /** The weight last reported for the entry. */
  readonly weight: number;
  readonly checks: number;
  /** A signal that arrived mid-round; it takes effect when the round ends. */
  readonly pending: MonitorSignal | undefined;
  /** Whether anything has been reported yet. */
  readonly reported: boolean;
  /** When the server last entered or left service. */
  readonly changedMs: number | undefined;
}

export interface StepResult {
  readonly state: MonitorState;
  readonly effects: readonly MonitorEffect[];
}
