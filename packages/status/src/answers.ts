// What piranha-status learned from each daemon, and the exit status that follows from it.
// A daemon that is not running is an answer of its own, not a failure: that is the normal
// state of lvsd on a backup router.
import type { SocketResult } from '@piranha-ts/daemon';
import type { LvsdStatus, PulseStatus } from '@piranha-ts/protocol';

export type DaemonAnswer<S> =
  | { readonly kind: 'answered'; readonly status: S }
  | { readonly kind: 'not-running' }
  | { readonly kind: 'failed'; readonly message: string };

export interface StatusAnswers {
  readonly pulse: DaemonAnswer<PulseStatus>;
  readonly lvsd: DaemonAnswer<LvsdStatus>;
}

/** The error reply both daemons give to a request they could not serve. */
export interface ErrorReply {
  readonly type: 'error';
  readonly message: string;
}

function isErrorReply<S>(reply: S | ErrorReply): reply is ErrorReply {
  return (reply as { readonly type: string }).type === 'error';
}

/** A socket request's result as an answer. */
export function answerOf<S>(result: SocketResult<S | ErrorReply>): DaemonAnswer<S> {
  if (!result.ok) {
    if (result.error.code === 'not-running') return { kind: 'not-running' };
    return { kind: 'failed', message: result.error.message };
  }
  const reply = result.value;
  if (isErrorReply(reply)) return { kind: 'failed', message: reply.message };
  return { kind: 'answered', status: reply };
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** LSB's "program is not running". */
export const EXIT_NOT_RUNNING = 3;

/** 0 when pulse answers, or lvsd when pulse is not running; 3 when nothing runs; else 1. */
export function exitStatus(answers: StatusAnswers): number {
  const { pulse, lvsd } = answers;
  if (pulse.kind === 'answered') return EXIT_OK;
  if (pulse.kind === 'failed') return EXIT_FAILED;
  if (lvsd.kind === 'answered') return EXIT_OK;
  return lvsd.kind === 'not-running' ? EXIT_NOT_RUNNING : EXIT_FAILED;
}

/** The object `--json` prints: each daemon's own answer, or null when there is none. */
export function jsonReport(answers: StatusAnswers): {
  readonly pulse: PulseStatus | null;
  readonly lvsd: LvsdStatus | null;
} {
  const status = <S>(answer: DaemonAnswer<S>): S | null =>
    answer.kind === 'answered' ? answer.status : null;
  return { pulse: status(answers.pulse), lvsd: status(answers.lvsd) };
}
