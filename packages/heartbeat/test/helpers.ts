// Options, states and effect filters shared by the state machine tests.
import type { PulseEffect, PulseOptions, PulseState, StepResult } from '@piranha-ts/heartbeat';
import { start } from '@piranha-ts/heartbeat';

export const OPTIONS: PulseOptions = {
  role: 'master',
  backupActive: true,
  privateChannel: false,
  keepalive: 2,
  deadtime: 5,
  forceActive: false,
  monitorLinks: false,
  syncDaemon: false,
  activeCmd: undefined,
  inactiveCmd: undefined,
};

/** A node started at time 0, with state fields overridden. */
export function node(
  options: Partial<PulseOptions> = {},
  patch: Partial<PulseState> = {},
): PulseState {
  return { ...start({ ...OPTIONS, ...options }, 0).state, ...patch };
}

/** An active node as after an activation. */
export function activeNode(options: Partial<PulseOptions> = {}): PulseState {
  return node(options, { active: true, lvsdRunning: true });
}

/** The log lines a user would see without -v. */
export function logs(result: StepResult | readonly PulseEffect[]): string[] {
  const effects = 'effects' in result ? result.effects : result;
  return effects.flatMap((e) => (e.kind === 'log' && e.level !== 'debug' ? [e.message] : []));
}

/** Every effect but logs and timers, in order. */
export function actions(result: StepResult): PulseEffect[] {
  return result.effects.filter(
    (e) => e.kind !== 'log' && e.kind !== 'arm-timer' && e.kind !== 'cancel-timer',
  );
}

export function timers(result: StepResult): PulseEffect[] {
  return result.effects.filter((e) => e.kind === 'arm-timer' || e.kind === 'cancel-timer');
}
