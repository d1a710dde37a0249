// The pulse state machine's data (LVS mode, reference sections 4.6-4.11, V08 behaviour):
// what it knows, what it is told, and what it asks the world to do.
import type { Role } from './auth.js';
import type { HeartbeatMessage } from './packet.js';
import type { Channel } from './wire.js';

/** Settings for one run; pulse reads lvs.cf once and needs a restart for new ones. */
export interface PulseOptions {
  readonly role: Role;
  /** `backup_active`: heartbeats are sent only when there is a backup. */
  readonly backupActive: boolean;
  /** A private address pair is configured: every heartbeat also goes that way. */
  readonly privateChannel: boolean;
  /** `keepalive`, seconds between heartbeats; may be fractional. */
  readonly keepalive: number;
  /** `deadtime`, seconds of silence on both channels before the partner is dead. */
  readonly deadtime: number;
  /** `--forceactive`: activate at start without waiting for the partner. */
  readonly forceActive: boolean;
  /** `monitor_links`: link events count only with this and `backupActive`. */
  readonly monitorLinks: boolean;
  /** `syncdaemon`: restart the IPVS sync daemon as master or backup on each transition. */
  readonly syncDaemon: boolean;
  readonly activeCmd: string | undefined;
  readonly inactiveCmd: string | undefined;
}

export interface PulseState {
  readonly options: PulseOptions;
  readonly active: boolean;
  /** LINKFAIL: a monitored NIC is down; this node refuses to activate. */
  readonly linkFail: boolean;
  /** CHILDFAIL: lvsd died; no activation until the partner is heard running. */
  readonly childFail: boolean;
  /** lvsd was started and has not exited nor been stopped. */
  readonly lvsdRunning: boolean;
  /**
   * A forced start with a partner that may be serving: lvsd runs, the addresses wait until it
   * is ready (or the partner is found stopped or dead), and no heartbeat goes out meanwhile.
   */
  readonly handover: boolean;
  readonly links: Readonly<Record<Channel, boolean>>;
  /** Absolute deadlines (ms, the caller's clock). */
  readonly sendAt: number | undefined;
  readonly needAt: number;
  /** When a valid heartbeat last arrived on each channel, for status. */
  readonly lastHeard: Readonly<Partial<Record<Channel, number>>>;
  /** The partner-dead deadline passed since the last valid heartbeat. */
  readonly partnerSilent: boolean;
  /** A late need timer was given one keepalive more since the last valid heartbeat. */
  readonly stallGrace: boolean;
  /** A terminating signal was handled: everything else is ignored. */
  readonly stopping: boolean;
}

export type TimerName = 'send' | 'need' | 'handover';

export type ChildStatus =
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'signaled'; readonly signal: number };

export type PulseSignal = 'SIGTERM' | 'SIGINT' | 'SIGHUP';

export const SIGNAL_NUMBER: Readonly<Record<PulseSignal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGTERM: 15,
};

export type PulseEvent =
  /** A datagram that passed the wire checks (wire.ts). */
  | { readonly type: 'heartbeat'; readonly message: HeartbeatMessage; readonly channel: Channel }
  | { readonly type: 'timer'; readonly timer: TimerName }
  /** The lvsd started by `start-lvsd` exited without being asked to. */
  | { readonly type: 'lvsd-exited'; readonly pid: number; readonly status: ChildStatus }
  /** lvsd has programmed its table and heard from every monitor (after `await-lvsd-ready`). */
  | { readonly type: 'lvsd-ready' }
  /** Any other child reaped (active_cmd, inactive_cmd...). */
  | { readonly type: 'child-exited'; readonly pid: number }
  | { readonly type: 'signal'; readonly signal: PulseSignal }
  | { readonly type: 'link'; readonly nic: Channel; readonly up: boolean };

export type LogLevel = 'info' | 'warn' | 'debug';

/** Effects in the order they must be performed; each waits for the previous unless noted. */
export type PulseEffect =
  | { readonly kind: 'log'; readonly level: LogLevel; readonly message: string }
  | {
      readonly kind: 'send-heartbeat';
      readonly channel: Channel;
      readonly message: 'running' | 'stopped';
    }
  /** Replaces any pending timer of that name. */
  | { readonly kind: 'arm-timer'; readonly timer: TimerName; readonly delayMs: number }
  | { readonly kind: 'cancel-timer'; readonly timer: TimerName }
  /** active_cmd / inactive_cmd: split on single spaces, absolute path, not waited for. */
  | {
      readonly kind: 'run-command';
      readonly which: 'active_cmd' | 'inactive_cmd';
      readonly command: string;
    }
  /** Spawn lvsd; its unexpected exit comes back as `lvsd-exited`. */
  | { readonly kind: 'start-lvsd' }
  /** Report `lvsd-ready` once lvsd's table and monitors are ready; in the background. */
  | { readonly kind: 'await-lvsd-ready' }
  /** SIGTERM lvsd and wait for it; that exit is not reported back. */
  | { readonly kind: 'stop-lvsd' }
  | { readonly kind: 'signal-lvsd'; readonly signal: 'SIGHUP' }
  /** `ipvsadm --stop-daemon backup`, `--stop-daemon master`, `--start-daemon <state> ...`. */
  | { readonly kind: 'sync-daemon'; readonly state: 'master' | 'backup' }
  /** Bring up every VIP and the NAT router address, 5 gratuitous ARPs each; in the background. */
  | { readonly kind: 'announce-addresses' }
  /** Wait until the announcement under way has every address up and its first ARP out. */
  | { readonly kind: 'await-addresses-up' }
  /** Take down every VIP and the NAT router address, waiting for each. */
  | { readonly kind: 'release-addresses' }
  | { readonly kind: 'exit'; readonly code: number };

export interface StepResult {
  readonly state: PulseState;
  readonly effects: readonly PulseEffect[];
}

/** Seconds of lvs.cf as timer milliseconds: `keepalive = 0.1` is 100 ms, never 0. */
export function secondsToMs(seconds: number): number {
  return Math.max(1, Math.round(seconds * 1000));
}
