// When lvsd can take the clients of a partner that is serving them: its table is programmed
// and matched the kernel afterwards, and every real server's monitor has reported once, so the
// table holds the servers that answer and only those.
import type { LvsdStatus } from '@piranha-ts/protocol';

export function lvsdReady(status: LvsdStatus): boolean {
  if (status.lastReconcileMs === null || !status.inSync) return false;
  return status.services.every((s) => s.servers.every((r) => r.health !== 'unknown'));
}
