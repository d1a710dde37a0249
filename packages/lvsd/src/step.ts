// lvsd's decisions as a pure function: event in, new state and effects out. The daemon loop
// performs the effects (ipvsadm, logging, exit) and feeds signals and timers back as events.
import type { LvsConfig, SourceIndex } from '@piranha-ts/config';
import type { IpvsTable } from '@piranha-ts/ipvs';
import {
  groupMonitors,
  healthViewOf,
  monitorsOf,
  type HealthById,
  type MonitorGroup,
  type MonitorHealth,
  type MonitorSpec,
} from './monitors.js';
import { allHealthy, hasTimeouts, planTable, timeoutArgs, type TablePlan } from './plan.js';

/** How this lvsd runs its monitors; fixed for the life of the process. */
export interface MonitorPolicy {
  /** No monitors: every active real server is taken as up (--assume-up). */
  readonly assumeUp: boolean;
  readonly verbose: boolean;
  readonly foreground: boolean;
  /** Most monitors one nanny process carries. */
  readonly perProcess: number;
}

export interface LvsdState {
  readonly file: string;
  readonly config: LvsConfig;
  readonly source: SourceIndex;
  readonly policy: MonitorPolicy;
  readonly monitors: readonly MonitorSpec[];
  /** The same monitors by id (a nanny's burst of reports must not cost a scan each). */
  readonly monitorIndex: ReadonlyMap<string, MonitorSpec>;
  readonly health: HealthById;
  readonly desired: IpvsTable;
  /**
   * False in standby. Standby changes only what lvsd says: the table is programmed all the
   * same, as keepalived's backup does, so a takeover needs only the addresses.
   */
  readonly active: boolean;
  readonly stopping: boolean;
}

/** A configuration as loaded by the io layer: usable, or the report of why not. */
export type LoadedConfig =
  | {
      readonly ok: true;
      readonly config: LvsConfig;
      readonly source: SourceIndex;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly report: readonly string[] };

export type LvsdEvent =
  | { readonly type: 'reload'; readonly loaded: LoadedConfig }
  | { readonly type: 'tick' }
  | { readonly type: 'terminate'; readonly signal: number }
  | { readonly type: 'health'; readonly id: string; readonly health: MonitorHealth }
  | { readonly type: 'health-batch'; readonly reports: readonly HealthReport[] }
  | { readonly type: 'monitor-exit'; readonly group: MonitorGroup; readonly how: string }
  /** pulse's `activate` / `standby` on lvsd's socket. */
  | { readonly type: 'activate' }
  | { readonly type: 'standby' };

export type ReconcileReason = 'start' | 'reload' | 'tick' | 'health';

export type LvsdEffect =
  | {
      readonly kind: 'log';
      readonly level: 'info' | 'warn' | 'error' | 'debug';
      readonly message: string;
    }
  | { readonly kind: 'set-timeouts'; readonly args: readonly string[] }
  | { readonly kind: 'clear-table' }
  | { readonly kind: 'reconcile'; readonly desired: IpvsTable; readonly reason: ReconcileReason }
  | { readonly kind: 'remove-services'; readonly managed: IpvsTable }
  /** Run exactly these nanny groups: start, reassign or stop processes to match. */
  | { readonly kind: 'run-monitors'; readonly groups: readonly MonitorGroup[] }
  | { readonly kind: 'restart-monitors'; readonly group: MonitorGroup }
  | { readonly kind: 'exit'; readonly code: number };

export interface StepResult {
  readonly state: LvsdState;
  readonly effects: readonly LvsdEffect[];
}

const log = (level: 'info' | 'warn' | 'error' | 'debug', message: string): LvsdEffect => ({
  kind: 'log',
  level,
  message,
});

function serviceStartLines(config: LvsConfig): LvsdEffect[] {
  // Sic: the original prints the port after "active:".
  return config.virtuals
    .filter((vs) => vs.active)
    .map((vs) => log('info', `starting virtual service ${vs.name} active: ${vs.port}`));
}

export type StartResult =
  | { readonly ok: true; readonly result: StepResult }
  | { readonly ok: false; readonly errors: readonly string[] };

export interface StartInput {
  readonly file: string;
  readonly config: LvsConfig;
  readonly source: SourceIndex;
  readonly clearTable: boolean;
  readonly policy: MonitorPolicy;
  /** Start in standby (--standby): pulse's router is inactive, the table is kept anyway. */
  readonly standby: boolean;
}

/**
 * Section 5.2's table work: timeouts (always, as the original: 0 leaves a timeout as it is),
 * the optional clear, the start lines, a reconcile.
 */
function tableStart(config: LvsConfig, desired: IpvsTable, clearTable: boolean): LvsdEffect[] {
  const effects: LvsdEffect[] = [{ kind: 'set-timeouts', args: timeoutArgs(config) }];
  if (clearTable) effects.push({ kind: 'clear-table' });
  effects.push(...serviceStartLines(config), { kind: 'reconcile', desired, reason: 'start' });
  return effects;
}

const indexOf = (monitors: readonly MonitorSpec[]) => new Map(monitors.map((m) => [m.id, m]));

function monitorsFor(config: LvsConfig, policy: MonitorPolicy): MonitorSpec[] {
  return policy.assumeUp ? [] : monitorsOf(config, policy);
}

/** The table for a configuration and what its monitors said (all up with --assume-up). */
function planWith(
  config: LvsConfig,
  source: SourceIndex,
  file: string,
  monitors: readonly MonitorSpec[],
  health: HealthById,
  policy: MonitorPolicy,
): TablePlan {
  const view = policy.assumeUp ? allHealthy(config) : healthViewOf(monitors, health);
  return planTable(config, source, file, view);
}

function runMonitors(state: LvsdState): LvsdEffect[] {
  if (state.policy.assumeUp) return [];
  return [{ kind: 'run-monitors', groups: groupMonitors(state.monitors, state.policy.perProcess) }];
}

/** The first state and the start-up effects (section 5.2), for a usable configuration. */
export function start(input: StartInput): StartResult {
  const { file, config, source, policy } = input;
  const monitors = monitorsFor(config, policy);
  const health: HealthById = new Map();
  const plan = planWith(config, source, file, monitors, health, policy);
  if (!plan.ok) return { ok: false, errors: plan.errors };
  const effects = tableStart(config, plan.table, input.clearTable);
  if (input.standby) effects.unshift(log('info', STANDING_BY));
  const state: LvsdState = {
    file,
    config,
    source,
    policy,
    monitors,
    monitorIndex: indexOf(monitors),
    health,
    desired: plan.table,
    active: !input.standby,
    stopping: false,
  };
  effects.push(...runMonitors(state));
  return { ok: true, result: { state, effects } };
}

const STANDING_BY = 'standing by: monitoring real servers, the IPVS table programmed';

export function step(state: LvsdState, event: LvsdEvent): StepResult {
  if (state.stopping) return { state, effects: [] };
  switch (event.type) {
    case 'activate':
      if (state.active) return { state, effects: [] };
      return {
        state: { ...state, active: true },
        effects: [log('info', 'activating: serving with the IPVS table as programmed')],
      };
    case 'standby':
      if (!state.active) return { state, effects: [] };
      return { state: { ...state, active: false }, effects: [log('info', STANDING_BY)] };
    case 'tick':
      return { state, effects: [{ kind: 'reconcile', desired: state.desired, reason: 'tick' }] };
    case 'terminate':
      return terminate(state, event.signal);
    case 'reload':
      return reload(state, event.loaded);
    case 'health':
      return healthChanged(state, [event]);
    case 'health-batch':
      return healthChanged(state, event.reports);
    case 'monitor-exit':
      return monitorExited(state, event.group, event.how);
  }
}

export interface HealthReport {
  readonly id: string;
  readonly health: MonitorHealth;
}

/**
 * Monitors' reports, one or a burst (a nanny's full resend): only changes of what the table
 * shows are logged, and the whole burst costs one plan and one reconcile.
 */
function healthChanged(state: LvsdState, reports: readonly HealthReport[]): StepResult {
  const next = new Map(state.health);
  const effects: LvsdEffect[] = [];
  for (const { id, health } of reports) {
    const known = next.get(id);
    const monitor = state.monitorIndex.get(id);
    if (monitor === undefined) continue;
    if (known !== undefined && known.up === health.up && known.weight === health.weight) continue;
    next.set(id, health);
    effects.push(log('info', transitionLine(monitor, health)));
  }
  if (effects.length === 0) return { state, effects: [] };
  const plan = planWith(state.config, state.source, state.file, state.monitors, next, state.policy);
  if (!plan.ok) return { state, effects: plan.errors.map((line) => log('error', line)) };
  effects.push({ kind: 'reconcile', desired: plan.table, reason: 'health' });
  return { state: { ...state, health: next, desired: plan.table }, effects };
}

function transitionLine(monitor: MonitorSpec, health: MonitorHealth): string {
  const weight = health.weight === null ? '' : ` weight ${health.weight}`;
  const reason = health.reason === undefined || health.reason === '' ? '' : `: ${health.reason}`;
  return `monitor ${monitor.label} (${monitor.id}) reports ${health.up ? 'up' : 'down'}${weight}${reason}`;
}

/**
 * A nanny process died (section 5.4). hard_shutdown = 1 shuts lvsd down as the original does,
 * so pulse fails over; otherwise the monitors are restarted (the original only logged).
 */
function monitorExited(state: LvsdState, group: MonitorGroup, how: string): StepResult {
  const ids = new Set(group.monitors.map((m) => m.id));
  const current = state.monitors.filter((m) => ids.has(m.id));
  if (current.length === 0)
    return { state, effects: [log('error', 'nanny died! shutting down lvs')] };
  const effects: LvsdEffect[] = [log('debug', `nanny process ${group.name} ${how}`)];
  if (state.config.hardShutdown) {
    for (const m of current)
      effects.push(log('error', `nanny for child ${m.label} died! shutting down lvs`));
    const stopped = terminate(state, undefined);
    return { state: stopped.state, effects: [...effects, ...stopped.effects] };
  }
  for (const m of current)
    effects.push(log('error', `nanny for child ${m.label} died! restarting it`));
  effects.push({ kind: 'restart-monitors', group });
  return { state, effects };
}

/** Section 5.6: monitors first, then the services lvsd added; `signal` undefined after a death. */
function terminate(state: LvsdState, signal: number | undefined): StepResult {
  const effects: LvsdEffect[] = [];
  if (signal !== undefined) effects.push(log('info', `shutting down due to signal ${signal}`));
  for (const vs of state.config.virtuals.filter((v) => v.active)) {
    effects.push(log('info', `shutting down virtual service ${vs.name}`));
  }
  // The table first: pulse waits a bounded time for lvsd to exit, and on a busy router the
  // nannies' exits can take seconds that the services must not outlive.
  effects.push({ kind: 'remove-services', managed: state.desired });
  if (!state.policy.assumeUp) effects.push({ kind: 'run-monitors', groups: [] });
  effects.push({ kind: 'exit', code: 0 });
  return { state: { ...state, stopping: true }, effects };
}

/** A bad new file keeps the running configuration; a good one is applied as a difference. */
function reload(state: LvsdState, loaded: LoadedConfig): StepResult {
  const effects: LvsdEffect[] = [log('info', 'rereading configuration file')];
  if (!loaded.ok) {
    effects.push(...loaded.report.map((line) => log('error', line)));
    effects.push(
      log('error', 'configuration not reloaded; the running configuration stays in force'),
    );
    return { state, effects };
  }
  effects.push(...loaded.warnings.map((line) => log('warn', line)));
  const monitors = monitorsFor(loaded.config, state.policy);
  // Monitors that still exist keep what they said; the others are forgotten.
  const monitorIndex = indexOf(monitors);
  const health = new Map([...state.health].filter(([id]) => monitorIndex.has(id)));
  const plan = planWith(loaded.config, loaded.source, state.file, monitors, health, state.policy);
  if (!plan.ok) {
    effects.push(...plan.errors.map((line) => log('error', line)));
    effects.push(
      log('error', 'configuration not reloaded; the running configuration stays in force'),
    );
    return { state, effects };
  }
  const newTimeouts = timeoutArgs(loaded.config);
  if (newTimeouts.join(' ') !== timeoutArgs(state.config).join(' ') && hasTimeouts(loaded.config)) {
    effects.push({ kind: 'set-timeouts', args: newTimeouts });
  }
  effects.push({ kind: 'reconcile', desired: plan.table, reason: 'reload' });
  const next: LvsdState = {
    ...state,
    config: loaded.config,
    source: loaded.source,
    monitors,
    monitorIndex,
    health,
    desired: plan.table,
  };
  effects.push(...runMonitors(next));
  return { state: next, effects };
}
