// pulse's decisions in LVS mode as a pure function (reference 4.6-4.11, V08): event in, new
// state and effects out. The daemon loop performs the effects and feeds timers, heartbeats,
// child exits, signals and link changes back as events.
import {
  activate,
  beginHandover,
  completeHandover,
  deactivate,
  deactivationEffects,
  heartbeatEffects,
  log,
  reannounceEffects,
  HANDOVER_WAIT_MS,
} from './actions.js';
import type {
  ChildStatus,
  PulseEffect,
  PulseEvent,
  PulseOptions,
  PulseState,
  StepResult,
} from './state.js';
import { SIGNAL_NUMBER, secondsToMs } from './state.js';
import type { HeartbeatMessage } from './packet.js';
import type { Channel } from './wire.js';

const keepaliveMs = (s: PulseState): number => secondsToMs(s.options.keepalive);
const deadtimeMs = (s: PulseState): number => secondsToMs(s.options.deadtime);

/** The first state: inactive_cmd and the sync daemon as backup, then --forceactive (4.8). */
export function start(options: PulseOptions, nowMs: number): StepResult {
  const initial: PulseState = {
    options,
    active: false,
    linkFail: false,
    childFail: false,
    lvsdRunning: false,
    handover: false,
    links: { public: true, private: true },
    sendAt: undefined,
    needAt: nowMs,
    lastHeard: {},
    partnerSilent: false,
    stallGrace: false,
    stopping: false,
  };
  const effects: PulseEffect[] = deactivationEffects(initial);
  let state = initial;
  if (options.forceActive) {
    const message = 'Forced active on startup: activating lvs';
    // With a partner, it may be serving: lvsd first, the addresses when lvsd is ready.
    const forced = options.backupActive ? beginHandover(state, message) : activate(state, message);
    state = forced.state;
    effects.push(...forced.effects);
  }
  if (options.backupActive) {
    state = { ...state, sendAt: nowMs + keepaliveMs(state) };
    effects.push({ kind: 'arm-timer', timer: 'send', delayMs: keepaliveMs(state) });
  }
  state = { ...state, needAt: nowMs + deadtimeMs(state) };
  effects.push({ kind: 'arm-timer', timer: 'need', delayMs: deadtimeMs(state) });
  return { state, effects };
}

export function step(state: PulseState, event: PulseEvent, nowMs: number): StepResult {
  if (state.stopping) return { state, effects: [] };
  switch (event.type) {
    case 'heartbeat':
      return heartbeat(state, event.message, event.channel, nowMs);
    case 'timer':
      if (event.timer === 'handover') return handoverTimer(state);
      return event.timer === 'send' ? sendTimer(state, nowMs) : needTimer(state, nowMs);
    case 'lvsd-ready':
      if (!state.handover) return { state, effects: [] };
      return completeHandover(state, 'info', 'lvsd ready: taking over', true);
    case 'lvsd-exited':
      return lvsdExited(state, event.pid, event.status);
    case 'child-exited':
      return { state, effects: [log('info', `Skipping death of unknown child ${event.pid}`)] };
    case 'signal':
      return event.signal === 'SIGHUP' ? hangup(state) : terminate(state, event.signal);
    case 'link':
      return link(state, event.nic, event.up, nowMs);
  }
}

/** Run `next` on the result so far, concatenating the effects. */
function then(result: StepResult, next: (state: PulseState) => StepResult): StepResult {
  const more = next(result.state);
  return { state: more.state, effects: [...result.effects, ...more.effects] };
}

/** A valid heartbeat from either channel pushes the partner-dead deadline (4.5 step 6). */
function heartbeat(
  state: PulseState,
  message: HeartbeatMessage,
  channel: Channel,
  nowMs: number,
): StepResult {
  let result: StepResult = {
    state: { ...state, lastHeard: { ...state.lastHeard, [channel]: nowMs } },
    effects: [log('debug', 'Received Heartbeat from partner')],
  };
  if (message === 'stop-me') result = then(result, stopMe);
  if (message === 'running' || message === 'stop-me') result = then(result, partnerRunning);
  if (message === 'stopped') result = then(result, partnerStopped);
  return then(result, (s) => ({
    state: { ...s, needAt: nowMs + deadtimeMs(s), partnerSilent: false, stallGrace: false },
    effects: [{ kind: 'arm-timer', timer: 'need', delayMs: deadtimeMs(s) }],
  }));
}

/** Only FOS nodes send stop-me; an active master obeys it, then it counts as running. */
function stopMe(state: PulseState): StepResult {
  if (!state.active || state.options.role !== 'master') return { state, effects: [] };
  return deactivate(state, 'PARTNER HAS TOLD US TO GO INACTIVE!');
}

/** Both active: the backup steps down after one more heartbeat, the master re-announces. */
function partnerRunning(previous: PulseState): StepResult {
  const state = { ...previous, childFail: false };
  if (!state.active) return { state, effects: [] };
  if (state.options.role === 'backup') {
    const last = heartbeatEffects(state);
    const down = deactivate(state, 'partner active: deactivating LVS');
    return { state: down.state, effects: [...last, ...down.effects] };
  }
  return {
    state,
    effects: [log('info', 'partner active: resending arps'), ...reannounceEffects(state.options)],
  };
}

/**
 * V08: an inactive node of either role activates when it hears the partner is inactive. Our
 * addition: an active node hearing a partner that had fallen silent announces its addresses
 * again, since the partner may have announced them meanwhile (a partition that healed after
 * the partner stepped down, its last *running* lost); the original would leave clients on the
 * partner's MAC.
 */
function partnerStopped(state: PulseState): StepResult {
  if (state.active && state.partnerSilent) {
    const effects = [
      log('info', 'partner back: resending arps'),
      ...reannounceEffects(state.options),
    ];
    return { state, effects };
  }
  const who = state.options.role === 'master' ? 'backup' : 'primary';
  if (state.handover) return completeHandover(state, 'info', `${who} inactive: taking over`, false);
  if (state.active || state.linkFail || state.childFail) return { state, effects: [] };
  return activate(state, `${who} inactive: activating lvs`);
}

/** A timer event earlier than its deadline (a stale or early timer) re-arms the rest. */
function early(state: PulseState, timer: 'send' | 'need', at: number, nowMs: number): StepResult {
  return { state, effects: [{ kind: 'arm-timer', timer, delayMs: at - nowMs }] };
}

/** lvsd was not ready in time: take over anyway, rather than never. */
function handoverTimer(state: PulseState): StepResult {
  if (!state.handover) return { state, effects: [] };
  const seconds = HANDOVER_WAIT_MS / 1000;
  return completeHandover(state, 'warn', `lvsd not ready after ${seconds} s: taking over`, true);
}

function sendTimer(state: PulseState, nowMs: number): StepResult {
  if (state.sendAt === undefined) return { state, effects: [] };
  if (nowMs < state.sendAt) return early(state, 'send', state.sendAt, nowMs);
  const interval = keepaliveMs(state);
  return {
    state: { ...state, sendAt: nowMs + interval },
    effects: [...heartbeatEffects(state), { kind: 'arm-timer', timer: 'send', delayMs: interval }],
  };
}

/**
 * Our addition: a need timer more than half a keepalive late means this router was not running
 * (a frozen virtual machine, a starved CPU), and so most likely neither was the partner's
 * heartbeat on its way in: wait one keepalive more, once, before counting the partner dead.
 */
function stalled(state: PulseState, nowMs: number): StepResult | undefined {
  const lateMs = nowMs - state.needAt;
  if (state.stallGrace || lateMs <= keepaliveMs(state) / 2) return undefined;
  const graceMs = keepaliveMs(state);
  return {
    state: { ...state, needAt: nowMs + graceMs, stallGrace: true },
    effects: [
      log('debug', `partner-dead timer ${Math.round(lateMs)} ms late: waiting one keepalive more`),
      { kind: 'arm-timer', timer: 'need', delayMs: graceMs },
    ],
  };
}

/** Repeats every deadtime while the partner is silent; acts only on an inactive node. */
function needTimer(state: PulseState, nowMs: number): StepResult {
  if (nowMs < state.needAt) return early(state, 'need', state.needAt, nowMs);
  const grace = stalled(state, nowMs);
  if (grace !== undefined) return grace;
  const interval = deadtimeMs(state);
  const rearmed: StepResult = {
    state: { ...state, needAt: nowMs + interval, partnerSilent: true },
    effects: [{ kind: 'arm-timer', timer: 'need', delayMs: interval }],
  };
  if (state.handover) {
    return then(rearmed, (s) => completeHandover(s, 'info', 'partner dead: taking over', false));
  }
  if (state.active || state.linkFail || state.childFail) return rearmed;
  const up = activate(rearmed.state, 'partner dead: activating lvs');
  return { state: up.state, effects: [...up.effects, ...rearmed.effects] };
}

/** lvsd died on its own: go inactive and stay so until the partner is heard running. */
function lvsdExited(state: PulseState, pid: number, status: ChildStatus): StepResult {
  if (!state.lvsdRunning) {
    return { state, effects: [log('info', `Skipping death of unknown child ${pid}`)] };
  }
  const line =
    status.kind === 'exited'
      ? `Child process ${pid} exited with status ${status.code}`
      : `Child process ${pid} terminated with signal ${status.signal}`;
  const down = deactivate({ ...state, lvsdRunning: false }, undefined);
  return {
    state: { ...down.state, childFail: true },
    effects: [log('warn', line), ...down.effects],
  };
}

/** V08 forwards SIGHUP to lvsd, which re-reads lvs.cf; pulse keeps its settings. */
function hangup(state: PulseState): StepResult {
  return { state, effects: state.lvsdRunning ? [{ kind: 'signal-lvsd', signal: 'SIGHUP' }] : [] };
}

function terminate(state: PulseState, signal: 'SIGTERM' | 'SIGINT'): StepResult {
  const down = deactivate(state, `Terminating due to signal ${SIGNAL_NUMBER[signal]}`);
  return {
    state: { ...down.state, stopping: true },
    effects: [
      ...down.effects,
      { kind: 'cancel-timer', timer: 'send' },
      { kind: 'cancel-timer', timer: 'need' },
      { kind: 'exit', code: 0 },
    ],
  };
}

const NIC_DOWN: Readonly<Record<Channel, string>> = {
  public: 'Primary NIC: link down',
  private: 'Private NIC: link down',
};

/**
 * Link monitoring (4.10.5): any monitored NIC down disables this node until all are up. Our
 * addition: links back give the partner a full deadtime to be heard before it counts as dead,
 * since nothing could be heard while they were down; the original's repeating need timer
 * could fire at once and activate beside a partner that is serving.
 */
function link(previous: PulseState, nic: Channel, up: boolean, nowMs: number): StepResult {
  const state = { ...previous, links: { ...previous.links, [nic]: up } };
  const { monitorLinks, backupActive, privateChannel } = state.options;
  if (!monitorLinks || !backupActive) return { state, effects: [] };
  const monitored: readonly Channel[] = privateChannel ? ['public', 'private'] : ['public'];
  const down = monitored.filter((n) => !state.links[n]);
  if (down.length === 0) {
    if (!state.linkFail) return { state, effects: [] };
    return {
      state: { ...state, linkFail: false, needAt: nowMs + deadtimeMs(state) },
      effects: [
        log('info', 'Local NIC link(s) restored: Pulse enabled'),
        { kind: 'arm-timer', timer: 'need', delayMs: deadtimeMs(state) },
      ],
    };
  }
  if (state.linkFail) return { state, effects: [] };
  const failed: StepResult = {
    state: { ...state, linkFail: true },
    effects: [
      ...down.map((n) => log('warn', NIC_DOWN[n])),
      log('warn', 'Local NIC link failure: Pulse disabled'),
    ],
  };
  if (!state.active && !state.handover) return failed;
  return then(failed, (s) => deactivate(s, 'local link failure: deactivating LVS'));
}
