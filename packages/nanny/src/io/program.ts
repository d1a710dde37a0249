// Running send_program and load probes (sections 6.4, 6.7): an argv through execa, never a
// shell, stdin and stderr on /dev/null, SIGKILL at the deadline or on abort.
import { execa } from 'execa';
import { MAX_PROGRAM_OUTPUT, type ProgramRun } from '@piranha-ts/checks';

/** Output past what the verdict reads is not kept; a chatty program is killed past this. */
const MAX_BUFFER = 1024 * 1024;

export async function runProgram(
  argv: readonly string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ProgramRun> {
  const [file, ...args] = argv;
  if (file === undefined) return { kind: 'spawn-error', error: 'no command' };
  const result = await execa(file, args, {
    shell: false,
    stdin: 'ignore',
    stderr: 'ignore',
    encoding: 'buffer',
    reject: false,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    forceKillAfterDelay: false,
    cancelSignal: signal,
    maxBuffer: MAX_BUFFER,
    cleanup: true,
  });
  if (result.timedOut) return { kind: 'timeout' };
  if (result.isCanceled) return { kind: 'killed', signal: 'SIGKILL' };
  if (result.signal !== undefined) return { kind: 'killed', signal: result.signal };
  if (result.exitCode === undefined) {
    const cause = result.cause instanceof Error ? result.cause.message : undefined;
    return { kind: 'spawn-error', error: cause ?? result.shortMessage ?? 'could not be started' };
  }
  const stdout = result.stdout instanceof Uint8Array ? result.stdout : new Uint8Array(0);
  return { kind: 'exited', code: result.exitCode, stdout: stdout.subarray(0, MAX_PROGRAM_OUTPUT) };
}
