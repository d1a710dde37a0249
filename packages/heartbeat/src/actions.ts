// What activating, deactivating and sending a heartbeat mean as effects (reference 4.6 and
// 4.10), and the state changes that go with them.
import type { LogLevel, PulseEffect, PulseOptions, PulseState, StepResult } from './state.js';

export const log = (level: LogLevel, message: string): PulseEffect => ({
  kind: 'log',
  level,
  message,
});

function command(which: 'active_cmd' | 'inactive_cmd', text: string | undefined): PulseEffect[] {
  return text === undefined ? [] : [{ kind: 'run-command', which, command: text }];
}

function syncDaemon(options: PulseOptions, state: 'master' | 'backup'): PulseEffect[] {
  return options.syncDaemon ? [{ kind: 'sync-daemon', state }] : [];
}

/** active_cmd, lvsd, sync daemon as master, then VIPs and ARPs in the background (4.10.1). */
export function activationEffects(options: PulseOptions): PulseEffect[] {
  return [
    ...command('active_cmd', options.activeCmd),
    { kind: 'start-lvsd' },
    ...syncDaemon(options, 'master'),
    { kind: 'announce-addresses' },
  ];
}

/** inactive_cmd and sync daemon as backup always; lvsd and VIPs only if active (4.10.2). */
export function deactivationEffects(state: PulseState): PulseEffect[] {
  const effects = [
    ...command('inactive_cmd', state.options.inactiveCmd),
    ...syncDaemon(state.options, 'backup'),
  ];
  if (!state.active) return effects;
  if (state.lvsdRunning) effects.push({ kind: 'stop-lvsd' });
  effects.push({ kind: 'release-addresses' });
  return effects;
}

/** The partner-running re-announcement of an active master (V08: active_cmd and all ARPs). */
export function reannounceEffects(options: PulseOptions): PulseEffect[] {
  return [...command('active_cmd', options.activeCmd), { kind: 'announce-addresses' }];
}

export function activate(state: PulseState, message: string): StepResult {
  return {
    state: { ...state, active: true, lvsdRunning: true },
    effects: [log('info', message), ...activationEffects(state.options)],
  };
}

export function deactivate(state: PulseState, message: string | undefined): StepResult {
  const effects = message === undefined ? [] : [log('info', message)];
  effects.push(...deactivationEffects(state));
  return { state: { ...state, active: false, lvsdRunning: false }, effects };
}

/** One heartbeat per channel announcing this node's state; none without a backup (4.4). */
export function heartbeatEffects(state: PulseState): PulseEffect[] {
  if (!state.options.backupActive) return [];
  const message = state.active ? 'running' : 'stopped';
  const effects: PulseEffect[] = [
    log('debug', 'Sending heartbeat...'),
    { kind: 'send-heartbeat', channel: 'public', message },
  ];
  if (state.options.privateChannel) {
    effects.push({ kind: 'send-heartbeat', channel: 'private', message });
  }
  return effects;
}
