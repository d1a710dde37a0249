// The LVS-mode health monitor (sections 6.5, 6.6, 6.7, 6.9) as a pure step function. A round
// is: run a check, apply the result, maybe adjust the weight, then wait the interval. Signals
// that arrive mid-round take effect when it ends, as the original blocked them until its sleep.
import { failureLines, type CheckOutcome, type LogLine } from '../failure.js';
import { loadAdjustedWeight, loadFromRun, slowStartStep, slowStartWeight } from '../load.js';
import type { ProgramRun } from '../program.js';
import { PROBE_GRACE_MS, configErrors } from './config.js';
import { noteReport, resyncReport, type Out } from './report.js';
import type {
  MonitorConfig,
  MonitorEffect,
  MonitorEvent,
  MonitorSignal,
  MonitorState,
  StepResult,
} from './types.js';

export type StartResult =
  | { readonly ok: true; readonly result: StepResult }
  | { readonly ok: false; readonly errors: readonly string[] };

/** The first state; the first check starts at once. */
export function startMonitor(config: MonitorConfig, nowMs: number): StartResult {
  const errors = configErrors(config);
  if (errors.length > 0) return { ok: false, errors };
  const countThresh = Math.floor(config.reentryMs / config.intervalMs);
  const state: MonitorState = {
    config,
    countThresh,
    phase: { kind: 'stopped' },
    nextId: 1,
    inService: false,
    quiesced: false,
    // Starting at the threshold lets the very first pass admit the server.
    passes: countThresh,
    failures: 0,
    weight: 0,
    checks: 0,
    pending: undefined,
    reported: false,
    changedMs: undefined,
  };
  const out: MonitorEffect[] = [];
  return { ok: true, result: { state: startCheck(state, nowMs, out), effects: out } };
}

export function step(state: MonitorState, event: MonitorEvent, nowMs: number): StepResult {
  const out: MonitorEffect[] = [];
  const next = dispatch(state, event, nowMs, out);
  return { state: next, effects: out };
}

function dispatch(state: MonitorState, event: MonitorEvent, now: number, out: Out): MonitorState {
  const { phase } = state;
  switch (event.type) {
    case 'check-result':
      if (phase.kind !== 'checking' || phase.id !== event.id) return state;
      return finishCheck(state, event.outcome, now, out);
    case 'load-result':
      if (phase.kind !== 'loading' || phase.id !== event.id) return state;
      return finishLoad(state, event.run, now, out);
    case 'timer':
      return timerFired(state, event.id, now, out);
    case 'signal':
      if (phase.kind === 'checking' || phase.kind === 'loading') {
        // The latest signal wins, as with the original's single nextState variable.
        return { ...state, pending: event.signal };
      }
      return phase.kind === 'stopped' ? state : applySignal(state, event.signal, now, out);
    case 'terminate':
      return terminate(state, event.signal, out);
  }
}

function timerFired(state: MonitorState, id: number, now: number, out: Out): MonitorState {
  const { phase, config } = state;
  if (phase.kind === 'stopped' || phase.kind === 'frozen' || phase.id !== id) return state;
  if (phase.kind === 'waiting') return startCheck(state, now, out);
  // A probe that missed its deadline and the grace after it: stop it and count the miss.
  out.push({ kind: 'abort-probe', id });
  if (phase.kind === 'loading') return finishLoad(state, { kind: 'timeout' }, now, out);
  const afterMs = config.checkTimeoutMs + PROBE_GRACE_MS;
  return finishCheck(state, { ok: false, failure: { reason: 'no-result', afterMs } }, now, out);
}

function nextId(state: MonitorState): [number, MonitorState] {
  return [state.nextId, { ...state, nextId: state.nextId + 1 }];
}

function startCheck(state: MonitorState, now: number, out: Out): MonitorState {
  const [id, next] = nextId(state);
  const { check, checkTimeoutMs } = state.config;
  out.push(
    { kind: 'start-check', id, spec: check, timeoutMs: checkTimeoutMs },
    { kind: 'arm-timer', id, ms: checkTimeoutMs + PROBE_GRACE_MS },
  );
  return { ...next, phase: { kind: 'checking', id, sinceMs: now } };
}

function finishCheck(
  state: MonitorState,
  outcome: CheckOutcome,
  now: number,
  out: Out,
): MonitorState {
  const { config } = state;
  if (!outcome.ok) out.push(...failureLines(outcome.failure, config.target).map(log));
  const before = out.length;
  let next = applyOutcome({ ...state, checks: state.checks + 1 }, outcome.ok, now, out);
  const reportedNow = out.slice(before).some((effect) => effect.kind === 'report');
  const due = config.resyncEvery > 0 && next.checks % config.resyncEvery === 0;
  if (!reportedNow && (due || !next.reported)) next = resyncReport(next, out);
  return continueRound(next, now, out);
}

/** The table of 6.6, plus retries. */
function applyOutcome(state: MonitorState, ok: boolean, now: number, out: Out): MonitorState {
  const { config, countThresh } = state;
  const at = `${config.target.address}:${config.target.port}`;
  if (ok) {
    const passed = { ...state, passes: state.passes + 1, failures: 0 };
    if (passed.inService || passed.passes < countThresh) return passed;
    out.push(info(`[ active ] making ${at} available`));
    const weight = config.slowStart ? slowStartWeight(config.weight) : config.weight;
    const admitted = { ...passed, inService: true, quiesced: false, weight, changedMs: now };
    return noteReport(admitted, { status: 'up', weight }, 'transition', out);
  }
  if (state.inService) {
    const failures = state.failures + 1;
    if (failures <= config.retries) {
      out.push(info(`${at} failed ${failures} of ${config.retries + 1} checks allowed`));
      return { ...state, failures };
    }
    out.push(info(`[inactive] shutting down ${at} due to connection failure`));
    const removed = { ...state, passes: 0, failures: 0, inService: false, changedMs: now };
    // Quiesce keeps the entry with weight 0: existing connections finish, new ones go elsewhere.
    if (config.quiesce) {
      const quiesced = { ...removed, quiesced: true, weight: 0 };
      return noteReport(quiesced, { status: 'weight', weight: 0 }, 'transition', out);
    }
    return noteReport({ ...removed, quiesced: false }, { status: 'down' }, 'transition', out);
  }
  if (state.passes > 0) out.push(debug('No service active & available...'));
  return { ...state, passes: 0 };
}

/** About every 20 s while in service: slow start, else the load probe (6.7). */
function continueRound(state: MonitorState, now: number, out: Out): MonitorState {
  const { config } = state;
  const everyN = Math.floor(20_000 / config.intervalMs);
  const due = config.intervalMs > 20_000 || state.passes % everyN === 0;
  if (!state.inService || !due) return endRound(state, now, out);
  const doubled = config.slowStart ? slowStartStep(config.weight, state.weight) : undefined;
  if (doubled !== undefined) {
    const report = { status: 'weight', weight: doubled } as const;
    return endRound(noteReport({ ...state, weight: doubled }, report, 'slow-start', out), now, out);
  }
  if (config.loadArgv === undefined) return endRound(state, now, out);
  const [id, next] = nextId(state);
  out.push(
    { kind: 'start-load', id, argv: config.loadArgv, timeoutMs: config.checkTimeoutMs },
    { kind: 'arm-timer', id, ms: config.checkTimeoutMs + PROBE_GRACE_MS },
  );
  return { ...next, phase: { kind: 'loading', id, sinceMs: now } };
}

function finishLoad(state: MonitorState, run: ProgramRun, now: number, out: Out): MonitorState {
  const { config } = state;
  const reading = loadFromRun(config.loadArgv ?? [], run);
  if (!reading.ok) {
    out.push(...reading.lines.map(log));
    return endRound(state, now, out);
  }
  const { address, port } = config.target;
  out.push(debug(`Loadavg of ${address} is ${reading.load.toFixed(6)}`));
  const weight = loadAdjustedWeight(config, state.weight, reading.load);
  // With weight 0 the original re-applied 0 every cycle; an unchanged weight is not news.
  if (weight === undefined || weight === state.weight) return endRound(state, now, out);
  out.push(debug(`Adjusting weight of ${address}:${port} to ${weight}`));
  const adjusted = noteReport({ ...state, weight }, { status: 'weight', weight }, 'load', out);
  return endRound(adjusted, now, out);
}

function endRound(state: MonitorState, now: number, out: Out): MonitorState {
  const { pending } = state;
  if (pending !== undefined)
    return applySignal({ ...state, pending: undefined }, pending, now, out);
  const [id, next] = nextId(state);
  out.push({ kind: 'arm-timer', id, ms: state.config.intervalMs });
  return { ...next, phase: { kind: 'waiting', id } };
}

/** USR2 forces up, USR1 forces down (both freeze checking); HUP resumes and checks at once. */
function applySignal(
  state: MonitorState,
  signal: MonitorSignal,
  now: number,
  out: Out,
): MonitorState {
  if (signal === 'resume') {
    out.push(info('DEBUG -- removing glasses'));
    return startCheck({ ...state, passes: state.countThresh }, now, out);
  }
  const forced = signal === 'force-up' ? 'up' : 'down';
  const frozen: MonitorState = { ...state, phase: { kind: 'frozen', forced } };
  out.push(info(forced === 'up' ? 'rose-colored glasses on' : 'opaque glasses on'));
  if (forced === 'down') {
    if (!state.inService) return frozen;
    return noteReport(
      { ...frozen, inService: false, changedMs: now },
      { status: 'down' },
      'signal',
      out,
    );
  }
  if (state.inService) return frozen;
  // The full weight, as the original added it; its last weight stayed 0, which slow start
  // then doubled to 0 for good.
  const weight = state.config.weight;
  const up = { ...frozen, inService: true, quiesced: false, weight, changedMs: now };
  return noteReport(up, { status: 'up', weight }, 'signal', out);
}

/** SIGTERM/SIGINT: stop any probe, take a server in service out (a quiesced entry stays), exit 0. */
function terminate(state: MonitorState, signal: number, out: Out): MonitorState {
  const { phase } = state;
  if (phase.kind === 'stopped') return state;
  out.push(info(`Terminating due to signal ${signal}`));
  if (phase.kind === 'checking' || phase.kind === 'loading') {
    out.push({ kind: 'abort-probe', id: phase.id });
  }
  let next: MonitorState = { ...state, phase: { kind: 'stopped' }, pending: undefined };
  if (state.inService) {
    next = noteReport({ ...next, inService: false }, { status: 'down' }, 'terminate', out);
  }
  out.push({ kind: 'exit', code: 0 });
  return next;
}

const log = (line: LogLine): MonitorEffect => ({ kind: 'log', ...line });
const info = (message: string): MonitorEffect => log({ level: 'info', message });
const debug = (message: string): MonitorEffect => log({ level: 'debug', message });
