// Going into the background. The originals fork twice; Node cannot fork, so a daemon starts a
// detached copy of itself with one more argument (`--nofork`) that makes the copy stay put.
import { spawn } from 'node:child_process';

export function continueInBackground(argv: readonly string[], flag = '--nofork'): number {
  const script = process.argv[1] ?? '';
  const child = spawn(process.execPath, [script, ...argv, flag], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return 0;
}
