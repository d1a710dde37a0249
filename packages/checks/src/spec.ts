// What one health check does, derived from nanny's options as in section 6.2. The io prober
// executes a CheckSpec; everything it needs to judge the result is in here.
import { utf8 } from './bytes.js';
import { translateEscapes } from './escapes.js';
import type { LogLine, Target } from './failure.js';
import { replyMatcher, type ReplyMatcher } from './match.js';
import { programArgv } from './program.js';

/** [V08]'s probe when port 80 has no send, expect or send_program. */
export const HTTP_SEND = 'GET / HTTP/1.0\r\n\r\n';
export const HTTP_EXPECT = 'HTTP';

/**
 * Connect (TCP) or open a socket (UDP) to the target, write `send` if any, then feed what
 * comes back to judgeReply(reply, ...) until it decides, all within the check's deadline.
 */
export interface SocketCheck {
  readonly kind: 'tcp' | 'udp';
  readonly target: Target;
  /** Written after connecting; one datagram for UDP. */
  readonly send: Uint8Array | undefined;
  readonly reply: ReplyMatcher;
}

/** Run argv without a shell (PATH search, stdin and stderr on /dev/null), then judgeProgram. */
export interface ProgramCheck {
  readonly kind: 'program';
  readonly target: Target;
  readonly argv: readonly string[];
  readonly expect: Uint8Array | undefined;
}

export type CheckSpec = SocketCheck | ProgramCheck;

export interface CheckOptions {
  /** The real server's address and the real port probed. */
  readonly target: Target;
  /** The virtual service's port (-p): port 80 gets the default HTTP probe. */
  readonly virtualPort: number;
  readonly protocol: 'tcp' | 'udp';
  readonly send?: string | undefined;
  readonly expect?: string | undefined;
  readonly sendProgram?: string | undefined;
  /** --regex: the expect string is a POSIX extended regular expression. */
  readonly regex?: boolean | undefined;
  /** False with -T: backslash sequences stay as written. */
  readonly translateEscapes?: boolean | undefined;
}

export type CheckDerivation =
  | { readonly ok: true; readonly spec: CheckSpec; readonly lines: readonly LogLine[] }
  | { readonly ok: false; readonly error: string };

const given = (text: string | undefined): string | undefined => (text === '' ? undefined : text);

export function deriveCheck(options: CheckOptions): CheckDerivation {
  const lines: LogLine[] = [];
  const program = given(options.sendProgram);
  let send = given(options.send);
  let expect = given(options.expect);
  if (program !== undefined && send !== undefined) {
    // The original printed "(null)" here, having cleared the send string first.
    lines.push({
      level: 'info',
      message: `External program use requested: (${program}), IGNORING send string option (${send})`,
    });
    send = undefined;
  }
  // [V08] decides on the virtual port, even when the real port differs.
  if (options.virtualPort === 80 && !send && !expect && !program) {
    lines.push({
      level: 'info',
      message: 'nanny: no monitor configured, assuming web service on port 80',
    });
    send = HTTP_SEND;
    expect = HTTP_EXPECT;
  }
  if (options.translateEscapes !== false) {
    send = send === undefined ? undefined : translateEscapes(send);
    expect = expect === undefined ? undefined : translateEscapes(expect);
  }
  const { target } = options;
  if (program !== undefined) {
    const built = programArgv(program, target);
    if (!built.ok) return built;
    const spec: ProgramCheck = {
      kind: 'program',
      target,
      argv: built.argv,
      expect: expect === undefined ? undefined : utf8(expect),
    };
    return { ok: true, spec, lines };
  }
  const spec: SocketCheck = {
    kind: options.protocol,
    target,
    send: send === undefined ? undefined : utf8(send),
    reply: replyMatcher(expect, { regex: options.regex === true, protocol: options.protocol }),
  };
  return { ok: true, spec, lines };
}
