// Real-time scheduling for a daemon whose timing is its job (pulse's heartbeats), as
// keepalived's vrrp_rt_priority: SCHED_RR at a priority, so busy processes on the router do
// not delay it. Children go back to normal scheduling (SCHED_RESET_ON_FORK): lvsd, its nannies
// and the commands pulse runs must not run ahead of everything else.
import { lastErrno, loadLibc } from './libc.js';

const SCHED_RR = 2;
const SCHED_RESET_ON_FORK = 0x40000000;

export type RealtimeResult =
  { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * SCHED_RR at `priority` (1-99) for the calling thread, Node's main thread, which runs the
 * timers and sockets; threads it starts later inherit it.
 */
export function runRealtime(priority: number): RealtimeResult {
  const c = loadLibc();
  const param = Int32Array.of(priority);
  if (c.sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, param) === 0) return { ok: true };
  return { ok: false, message: `sched_setscheduler: ${c.strerror(lastErrno())}` };
}
