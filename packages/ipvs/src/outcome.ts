// What ipvsadm's error output means for an op. ipvsadm 1.31 prints one message per failed
// kernel call (libipvs' ipvs_strerror, chosen by the call that failed), e.g.:
//   add service, exists:        "Service already exists"
//   add destination, exists:    "Destination already exists"
//   delete service, missing:    "No such service"
//   delete destination:         "No such destination" (or "Service not defined" when the
//                               service itself is gone)
//   edit service / destination: "No such service" / "No such destination" (real failures)
// "Already exists" on an add and "not found" on a delete mean the table already is as asked.
import type { IpvsOpKind } from './ops.js';

const ALREADY_DONE_MESSAGES: Readonly<Record<IpvsOpKind, readonly string[]>> = {
  'add-service': ['Service already exists'],
  'add-dest': ['Destination already exists'],
  'delete-service': ['No such service'],
  'delete-dest': ['No such destination', 'Service not defined'],
  'edit-service': [],
  'edit-dest': [],
};

/** Whether a failed single-op run only says the table already is as the op asks. */
export function isAlreadyDone(kind: IpvsOpKind, stderr: string): boolean {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const accepted = ALREADY_DONE_MESSAGES[kind];
  return lines.length > 0 && lines.every((line) => accepted.includes(line));
}
