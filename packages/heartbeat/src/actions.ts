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

/**
 * How long a forced start waits for lvsd before taking the addresses from a partner that is
 * serving. RHEL's pulse waited 10 s for lvsd's semaphore, then gave up and exited; this wait
 * also covers the monitors' first checks, and ends in taking over, logged.
 */
export const HANDOVER_WAIT_MS = 120_000;

/** active_cmd and lvsd: the first half of every activation. */
function startEffects(options: PulseOptions): PulseEffect[] {
  return [...command('active_cmd', options.activeCmd), { kind: 'start-lvsd' }];
}

/**
 * The addresses (in the background) before the sync daemon's ipvsadm runs, which the original
 * ran first (4.10.1): clients move at the first gratuitous ARP, and three processes started
 * before it only lengthen the outage.
 */
function takeoverEffects(options: PulseOptions): PulseEffect[] {
  return [{ kind: 'announce-addresses' }, ...syncDaemon(options, 'master')];
}

/** active_cmd, lvsd, then VIPs and ARPs in the background, and the sync daemon as master. */
export function activationEffects(options: PulseOptions): PulseEffect[] {
  return [...startEffects(options), ...takeoverEffects(options)];
}

/** inactive_cmd and sync daemon as backup always; lvsd and VIPs only if active (4.10.2). */
export function deactivationEffects(state: PulseState): PulseEffect[] {
  const effects = [
    ...command('inactive_cmd', state.options.inactiveCmd),
    ...syncDaemon(state.options, 'backup'),
  ];
  // A hand-over under way has lvsd running but no address up yet.
  if (!state.active && !state.handover) return effects;
  if (state.lvsdRunning) effects.push({ kind: 'stop-lvsd' });
  if (state.active) effects.push({ kind: 'release-addresses' });
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

/**
 * A forced start beside a partner that may be serving: lvsd first; the addresses follow when
 * it is ready (lvsd-ready), the partner is found stopped or dead, or HANDOVER_WAIT_MS passed.
 * The partner keeps serving meanwhile, so a returning primary costs its clients nothing.
 */
export function beginHandover(state: PulseState, message: string): StepResult {
  return {
    state: { ...state, handover: true, lvsdRunning: true },
    effects: [
      log('info', message),
      ...startEffects(state.options),
      { kind: 'await-lvsd-ready' },
      { kind: 'arm-timer', timer: 'handover', delayMs: HANDOVER_WAIT_MS },
    ],
  };
}

/**
 * `partnerMayServe`: stay silent until the clients can be moved, as the partner lets go on our
 * first "running". A partner found stopped or dead serves nobody: say so at once instead, or
 * it takes over itself meanwhile.
 */
export function completeHandover(
  state: PulseState,
  level: LogLevel,
  message: string,
  partnerMayServe: boolean,
): StepResult {
  const wait: PulseEffect[] = partnerMayServe ? [{ kind: 'await-addresses-up' }] : [];
  return {
    state: { ...state, handover: false, active: true },
    effects: [
      log(level, message),
      { kind: 'cancel-timer', timer: 'handover' },
      ...takeoverEffects(state.options),
      ...wait,
    ],
  };
}

export function deactivate(state: PulseState, message: string | undefined): StepResult {
  const effects = message === undefined ? [] : [log('info', message)];
  effects.push(...deactivationEffects(state));
  return { state: { ...state, active: false, lvsdRunning: false, handover: false }, effects };
}

/** One heartbeat per channel announcing this node's state; none without a backup (4.4). */
export function heartbeatEffects(state: PulseState): PulseEffect[] {
  // Silent while handing over, as the original was while it waited for lvsd: "running" would
  // make the serving partner step down before this router can serve.
  if (!state.options.backupActive || state.handover) return [];
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
