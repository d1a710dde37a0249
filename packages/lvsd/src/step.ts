// lvsd's decisions as a pure function: event in, new state and effects out. The daemon loop
// performs the effects (ipvsadm, logging, exit) and feeds signals and timers back as events.
import type { LvsConfig, SourceIndex } from '@piranha-ts/config';
import type { IpvsTable } from '@piranha-ts/ipvs';
import { allHealthy, hasTimeouts, planTable, timeoutArgs } from './plan.js';

export interface LvsdState {
  readonly file: string;
  readonly config: LvsConfig;
  readonly desired: IpvsTable;
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
  | { readonly type: 'terminate'; readonly signal: number };

export type ReconcileReason = 'start' | 'reload' | 'tick';

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

/** The first state and the start-up effects (section 5.2), for a usable configuration. */
export function start(
  file: string,
  config: LvsConfig,
  source: SourceIndex,
  clearTable: boolean,
): StartResult {
  const plan = planTable(config, source, file, allHealthy(config));
  if (!plan.ok) return { ok: false, errors: plan.errors };
  const effects: LvsdEffect[] = [];
  if (hasTimeouts(config)) effects.push({ kind: 'set-timeouts', args: timeoutArgs(config) });
  if (clearTable) effects.push({ kind: 'clear-table' });
  effects.push(...serviceStartLines(config), {
    kind: 'reconcile',
    desired: plan.table,
    reason: 'start',
  });
  return {
    ok: true,
    result: { state: { file, config, desired: plan.table, stopping: false }, effects },
  };
}

export function step(state: LvsdState, event: LvsdEvent): StepResult {
  if (state.stopping) return { state, effects: [] };
  switch (event.type) {
    case 'tick':
      return { state, effects: [{ kind: 'reconcile', desired: state.desired, reason: 'tick' }] };
    case 'terminate':
      return terminate(state, event.signal);
    case 'reload':
      return reload(state, event.loaded);
  }
}

function terminate(state: LvsdState, signal: number): StepResult {
  const effects: LvsdEffect[] = [log('info', `shutting down due to signal ${signal}`)];
  for (const vs of state.config.virtuals.filter((v) => v.active)) {
    effects.push(log('info', `shutting down virtual service ${vs.name}`));
  }
  effects.push({ kind: 'remove-services', managed: state.desired }, { kind: 'exit', code: 0 });
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
  const plan = planTable(loaded.config, loaded.source, state.file, allHealthy(loaded.config));
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
  return { state: { ...state, config: loaded.config, desired: plan.table }, effects };
}
