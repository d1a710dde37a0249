// send_program (section 6.4): the argv to run, and the verdict on how it ran.
import { beforeNul, bytesEqual } from './bytes.js';
import { PASSED, failed, type CheckOutcome, type Target } from './failure.js';

/** The original read at most this much of the program's standard output. */
export const MAX_PROGRAM_OUTPUT = 4095;

export type ArgvResult =
  | { readonly ok: true; readonly argv: readonly string[] }
  | { readonly ok: false; readonly error: string };

/**
 * Splits on spaces as the original did (runs of spaces are one separator; no quoting, no
 * shell), then replaces `%h` with the server's address and `%p` with its port inside every
 * word; `%%` is a literal `%`. Substitution happens after splitting, so a value holding
 * blanks, quotes, `;`, `$()` or backticks is still one argument and is never interpreted.
 * The original replaced only words that were exactly `%h` or `%p`; those still work.
 */
export function programArgv(command: string, target: Target): ArgvResult {
  const words = command.split(' ').filter((word) => word !== '');
  if (words.length === 0) return { ok: false, error: 'send_program names no command' };
  const values: Readonly<Record<string, string>> = {
    h: target.address,
    p: String(target.port),
    '%': '%',
  };
  const argv = words.map((word) =>
    word.replace(/%([hp%])/g, (_, key: string) => values[key] ?? ''),
  );
  return { ok: true, argv };
}

/** How the program ended, as the io runner saw it. */
export type ProgramRun =
  | { readonly kind: 'exited'; readonly code: number; readonly stdout: Uint8Array }
  | { readonly kind: 'killed'; readonly signal: string }
  /** Still running at the deadline; the runner has killed it (SIGKILL). */
  | { readonly kind: 'timeout' }
  | { readonly kind: 'spawn-error'; readonly error: string };

/**
 * What the original compared: the first 4095 bytes up to any NUL, less the last byte. The
 * original dropped the last byte whatever it was; only a newline is dropped here, so a
 * program that prints `OK` without one still matches `OK`.
 */
export function programOutput(stdout: Uint8Array): Uint8Array {
  const text = beforeNul(stdout.subarray(0, MAX_PROGRAM_OUTPUT));
  return text.at(-1) === 0x0a ? text.subarray(0, -1) : text;
}

/**
 * Decision on the original's quirks (16.3): it counted a program that timed out, crashed or
 * exited non-zero as a success whenever an expect string was set, and as a failure when none
 * was, while a program exiting 0 without an expect string also failed. That keeps a dead
 * server in service behind a hung or crashing script (anchors B.5), so here:
 * - timed out, killed, not started, or exit status other than 0: the check fails;
 * - exit status 0 with an expect string: passes when the output equals it exactly;
 * - exit status 0 without one: passes (the exit status is the verdict, as for any monitor script).
 */
export function judgeProgram(
  argv: readonly string[],
  expect: Uint8Array | undefined,
  run: ProgramRun,
): CheckOutcome {
  switch (run.kind) {
    case 'timeout':
      return failed({ reason: 'program-timeout', argv });
    case 'spawn-error':
      return failed({ reason: 'program-failed', argv, how: run.error });
    case 'killed':
      return failed({ reason: 'program-failed', argv, how: `killed by ${run.signal}` });
    case 'exited':
      if (run.code !== 0)
        return failed({ reason: 'program-failed', argv, how: `exit status ${run.code}` });
      if (expect === undefined || bytesEqual(programOutput(run.stdout), expect)) return PASSED;
      return failed({ reason: 'program-output' });
  }
}
