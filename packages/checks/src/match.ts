// Judging a probe's reply against the expect string (section 6.3 step 4). The io prober feeds
// the bytes received so far; the verdict says pass, fail, or wait for more. One total deadline
// covers the whole check, so a reply trickling in cannot stretch it (anchors B.5).
import { beforeNul, bytesEqual, utf8 } from './bytes.js';
import { compileEre, ereMatches, type PosixRegex } from './ere/index.js';
import { PASSED, failed, type CheckOutcome } from './failure.js';

/** The original read into a 255-byte buffer and kept one byte for the NUL. */
export const MAX_REPLY_BYTES = 254;

export type ReplyMatcher =
  /** TCP without an expect string: connecting (and sending) is the whole check. */
  | { readonly kind: 'none' }
  /** `*`, or UDP without an expect string: any reply will do. */
  | { readonly kind: 'any' }
  /** The reply must begin with these bytes (case-sensitive). */
  | { readonly kind: 'prefix'; readonly expect: Uint8Array }
  /** --regex: the pattern must match somewhere in the first 254 bytes. */
  | { readonly kind: 'regex'; readonly regex: PosixRegex }
  /** --regex with a pattern that does not compile: every check fails, as in the original. */
  | { readonly kind: 'bad-regex'; readonly source: string; readonly message: string };

export interface MatchOptions {
  readonly regex: boolean;
  readonly protocol: 'tcp' | 'udp';
}

/** An empty expect string is treated as none. */
export function replyMatcher(expect: string | undefined, options: MatchOptions): ReplyMatcher {
  if (expect === undefined || expect === '') {
    // UDP has nothing but a reply to go on; the original crashed here instead.
    return options.protocol === 'udp' ? { kind: 'any' } : { kind: 'none' };
  }
  if (options.regex) {
    const compiled = compileEre(expect);
    return compiled.ok
      ? { kind: 'regex', regex: compiled.regex }
      : { kind: 'bad-regex', source: expect, message: compiled.message };
  }
  if (expect === '*') return { kind: 'any' };
  return { kind: 'prefix', expect: utf8(expect).subarray(0, MAX_REPLY_BYTES) };
}

/**
 * `open`: more bytes may come. `closed`: no more will (end of stream, or the deadline passed
 * after some bytes arrived). `datagram`: the bytes are one whole UDP datagram.
 */
export type ReplyEnd = 'open' | 'closed' | 'datagram';

export type ReplyVerdict =
  { readonly kind: 'more' } | { readonly kind: 'done'; readonly outcome: CheckOutcome };

const MORE: ReplyVerdict = { kind: 'more' };
const done = (outcome: CheckOutcome): ReplyVerdict => ({ kind: 'done', outcome });

export function judgeReply(
  matcher: ReplyMatcher,
  received: Uint8Array,
  end: ReplyEnd,
): ReplyVerdict {
  // Like the original's poll for readability, nothing is decided before a byte or the end.
  if (received.length === 0 && end === 'open' && matcher.kind !== 'none') return MORE;
  switch (matcher.kind) {
    case 'none':
      return done(PASSED);
    case 'any':
      return judgeAny(received, end);
    case 'prefix':
      return judgePrefix(matcher.expect, received, end);
    case 'regex':
      return judgeRegex(matcher.regex, received, end);
    case 'bad-regex':
      return done(failed({ reason: 'bad-regex', message: matcher.message }));
  }
}

/**
 * The original also passed `*` when the peer closed without sending a byte; a TCP server that
 * accepts and hangs up has not replied, so that fails here. An empty datagram is a reply.
 */
function judgeAny(received: Uint8Array, end: ReplyEnd): ReplyVerdict {
  if (received.length > 0 || end === 'datagram') return done(PASSED);
  return done(failed({ reason: 'too-short', got: 0, want: 1 }));
}

function judgePrefix(expect: Uint8Array, received: Uint8Array, end: ReplyEnd): ReplyVerdict {
  const want = expect.length;
  if (received.length >= want) {
    return done(
      bytesEqual(received.subarray(0, want), expect) ? PASSED : failed({ reason: 'mismatch' }),
    );
  }
  if (end !== 'open') return done(failed({ reason: 'too-short', got: received.length, want }));
  // Bytes that already differ cannot become a match: stop waiting.
  if (!bytesEqual(received, expect.subarray(0, received.length))) {
    return done(failed({ reason: 'mismatch' }));
  }
  return MORE;
}

/** regexec saw a C string: the first 254 bytes up to any NUL. */
function judgeRegex(regex: PosixRegex, received: Uint8Array, end: ReplyEnd): ReplyVerdict {
  const window = received.subarray(0, MAX_REPLY_BYTES);
  const text = beforeNul(window);
  if (ereMatches(regex, text)) return done(PASSED);
  // More bytes cannot help once the window is full or a NUL has ended the visible text.
  const final = end !== 'open' || window.length === MAX_REPLY_BYTES || text.length < window.length;
  return final ? done(failed({ reason: 'mismatch' })) : MORE;
}
