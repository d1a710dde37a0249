// The kernel lab: run shell scripts under a real Debian kernel (IPVS and all) in QEMU.
//   const result = await runInLab({ scriptPath: 'test/lab/scripts/x.sh' });
// For jest files, see session.ts (one boot per file, one test per reported check).
import { bootAndRun, type BootOptions, type LabResult } from './boot.js';
import { ensureGuest, type GuestOptions } from './guest.js';
import type { LabScript } from './run-dir.js';

export type { BootOptions, LabResult } from './boot.js';
export type { Guest, GuestOptions } from './guest.js';
export type { LabScript } from './run-dir.js';
export { ensureGuest } from './guest.js';
export { bootAndRun } from './boot.js';
export { LabError, type LabErrorCode } from './lab-error.js';

/** Builds the guest if needed (cached), boots it and runs `script` inside. */
export async function runInLab(
  script: LabScript,
  options: BootOptions & GuestOptions = {},
): Promise<LabResult> {
  return bootAndRun(await ensureGuest(options), script, options);
}
