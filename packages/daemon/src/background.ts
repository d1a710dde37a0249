// Going into the background. The originals fork twice; Node cannot fork, so a daemon starts a
// detached copy of itself with one more argument (`--nofork`) that makes the copy stay put.
import { execa } from 'execa';

export function continueInBackground(argv: readonly string[], flag = '--nofork'): number {
  const script = process.argv[1] ?? '';
  const child = execa(process.execPath, [script, ...argv, flag], {
    detached: true,
    stdio: 'ignore',
    reject: false,
    cleanup: false,
  });
  child.unref();
  return 0;
}
