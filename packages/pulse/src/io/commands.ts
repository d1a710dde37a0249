// The short-lived programs pulse runs: active_cmd / inactive_cmd (not waited for, reference
// 4.10.1-2) and the ipvsadm sync-daemon commands (each waited for, 4.10.4).
import { execa } from 'execa';
import type { Command } from '../argv.js';

export type Report = (message: string) => void;

/** Starts a program without waiting; `onExit` gets its pid once it has ended. */
export function runInBackground(command: Command, onExit: (pid: number) => void, fail: Report) {
  const child = execa(command.file, command.args, {
    reject: false,
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'ignore',
  });
  void child.then((result) => {
    if (child.pid === undefined) fail(`failed to run ${command.file}: ${result.shortMessage}`);
    else onExit(child.pid);
  });
}

/** Runs programs one after the other, each to completion; a failure is reported, not fatal. */
export async function runInSequence(commands: readonly Command[], fail: Report): Promise<void> {
  for (const command of commands) {
    const result = await execa(command.file, command.args, {
      reject: false,
      stdin: 'ignore',
      timeout: 30_000,
    });
    if (result.failed) {
      const said = String(result.stderr).trim();
      fail(`${[command.file, ...command.args].join(' ')} failed: ${said || result.shortMessage}`);
    }
  }
}
