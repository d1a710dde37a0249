// The answer to a status request, from the state machine's state and what the edges know.
import type { PulseState } from '@piranha-ts/heartbeat';
import type { PulseFailure, PulseStatus } from '@piranha-ts/protocol';

export interface StatusFacts {
  readonly pid: number;
  readonly state: PulseState;
  readonly nowMs: number;
  readonly lvsdPid: number | undefined;
  readonly vips: readonly string[];
}

export function pulseStatus(facts: StatusFacts): PulseStatus {
  const { state, nowMs } = facts;
  const heard = Object.values(state.lastHeard).filter((t): t is number => t !== undefined);
  const failures: PulseFailure[] = [];
  if (state.linkFail) failures.push('link');
  if (state.childFail) failures.push('child');
  return {
    v: 1,
    type: 'pulse-status',
    pid: facts.pid,
    role: state.options.role,
    state: state.active ? 'active' : 'inactive',
    failures,
    partnerLastHeardMs:
      heard.length === 0 ? null : Math.max(0, Math.round(nowMs - Math.max(...heard))),
    lvsdPid: facts.lvsdPid ?? null,
    vips: facts.vips,
  };
}

/** `pulse --status` without --json: one `name: value` line each. */
export function describeStatus(status: PulseStatus): string {
  const heard = status.partnerLastHeardMs;
  return [
    `role: ${status.role}`,
    `state: ${status.state}`,
    `failures: ${status.failures.length === 0 ? 'none' : status.failures.join(' ')}`,
    `partner last heard: ${heard === null ? 'never' : `${heard} ms ago`}`,
    `lvsd pid: ${status.lvsdPid ?? 'none'}`,
    `addresses held: ${status.vips.length === 0 ? 'none' : status.vips.join(' ')}`,
  ].join('\n');
}
