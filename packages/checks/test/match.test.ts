import {
  MAX_REPLY_BYTES,
  judgeReply,
  replyMatcher,
  utf8,
  type CheckOutcome,
  type ReplyEnd,
  type ReplyMatcher,
} from '@piranha-ts/checks';

const tcp = { regex: false, protocol: 'tcp' } as const;
const udp = { regex: false, protocol: 'udp' } as const;
const regex = { regex: true, protocol: 'tcp' } as const;

/** 'more', 'pass', or the failure reason. */
function verdict(matcher: ReplyMatcher, reply: string | Uint8Array, end: ReplyEnd): string {
  const bytes = typeof reply === 'string' ? utf8(reply) : reply;
  const result = judgeReply(matcher, bytes, end);
  return result.kind === 'more' ? 'more' : summary(result.outcome);
}

function summary(outcome: CheckOutcome): string {
  return outcome.ok ? 'pass' : outcome.failure.reason;
}

describe('which matcher an expect string gives', () => {
  test('no expect: TCP needs no reply, UDP needs one', () => {
    expect(replyMatcher(undefined, tcp)).toEqual({ kind: 'none' });
    expect(replyMatcher(undefined, udp)).toEqual({ kind: 'any' });
    expect(replyMatcher('', tcp)).toEqual({ kind: 'none' });
  });

  test('* is any reply, but only outside --regex', () => {
    expect(replyMatcher('*', tcp)).toEqual({ kind: 'any' });
    expect(replyMatcher('*', regex)).toMatchObject({
      kind: 'bad-regex',
      message: 'Invalid preceding regular expression',
    });
  });

  test('a prefix longer than the read buffer is cut to 254 bytes', () => {
    const matcher = replyMatcher('x'.repeat(300), tcp);
    expect(matcher.kind === 'prefix' && matcher.expect.length).toBe(MAX_REPLY_BYTES);
  });
});

describe('expect prefix', () => {
  const http = replyMatcher('HTTP', tcp);

  test.each([
    ['HTTP/1.0 200 OK', 'open', 'pass'],
    ['HTTP', 'open', 'pass'],
    ['HTT', 'open', 'more'],
    ['', 'open', 'more'],
    ['HTT', 'closed', 'too-short'],
    ['', 'closed', 'too-short'],
    ['http/1.0 200', 'open', 'mismatch'],
    ['HX', 'open', 'mismatch'],
    ['HX', 'closed', 'too-short'],
    ['SSH-2.0', 'closed', 'mismatch'],
  ] as const)('%j (%s) -> %s', (reply, end, expected) =>
    expect(verdict(http, reply, end)).toBe(expected),
  );

  test('too short reports what came and what was wanted', () => {
    const result = judgeReply(http, utf8('HT'), 'closed');
    expect(result).toEqual({
      kind: 'done',
      outcome: { ok: false, failure: { reason: 'too-short', got: 2, want: 4 } },
    });
  });

  test('UDP: one datagram decides, cut to the expect length like the original read', () => {
    const dns = replyMatcher('OK', udp);
    expect(verdict(dns, 'OK and more', 'datagram')).toBe('pass');
    expect(verdict(dns, 'O', 'datagram')).toBe('too-short');
    expect(verdict(dns, 'NO', 'datagram')).toBe('mismatch');
  });

  test('bytes are compared exactly, a NUL in the reply is a mismatch', () => {
    expect(verdict(http, Uint8Array.of(0x48, 0x00, 0x54, 0x50), 'open')).toBe('mismatch');
    expect(verdict(replyMatcher('\u00e9t\u00e9', tcp), '\u00e9t\u00e9!', 'open')).toBe('pass');
  });
});

describe('* (any reply)', () => {
  const any = replyMatcher('*', tcp);

  test.each([
    ['x', 'open', 'pass'],
    ['', 'open', 'more'],
    // The original passed a peer that closed without a byte; here that is no reply.
    ['', 'closed', 'too-short'],
    ['', 'datagram', 'pass'],
  ] as const)('%j (%s) -> %s', (reply, end, expected) =>
    expect(verdict(any, reply, end)).toBe(expected),
  );

  test('UDP without expect: any datagram, even an empty one', () => {
    expect(verdict(replyMatcher(undefined, udp), '', 'datagram')).toBe('pass');
  });
});

describe('no expect on TCP', () => {
  test('connecting was enough, nothing to wait for', () => {
    expect(verdict(replyMatcher(undefined, tcp), '', 'open')).toBe('pass');
  });
});

describe('--regex', () => {
  const status = replyMatcher('^HTTP/1\\.[01] (200|30[12])', regex);

  test.each([
    ['HTTP/1.1 200 OK\r\n', 'open', 'pass'],
    ['HTTP/1.1 302 Found', 'closed', 'pass'],
    ['HTTP/1.1 5', 'open', 'more'],
    ['HTTP/1.1 500 Oops', 'closed', 'mismatch'],
    ['', 'open', 'more'],
    ['', 'closed', 'mismatch'],
  ] as const)('%j (%s) -> %s', (reply, end, expected) =>
    expect(verdict(status, reply, end)).toBe(expected),
  );

  test('no "too short" in regex mode: a pattern that matches nothing passes on an empty reply', () => {
    expect(verdict(replyMatcher('^$', regex), '', 'closed')).toBe('pass');
  });

  test('only the first 254 bytes count, and nothing after a NUL', () => {
    const late = replyMatcher('needle', regex);
    expect(verdict(late, 'x'.repeat(254) + 'needle', 'open')).toBe('mismatch');
    expect(verdict(late, 'x'.repeat(248) + 'needle', 'open')).toBe('pass');
    const afterNul = Uint8Array.of(...utf8('ab'), 0, ...utf8('needle'));
    expect(verdict(late, afterNul, 'open')).toBe('mismatch');
  });

  test('$ anchors at the end of what has arrived, as with the one read of the original', () => {
    expect(verdict(replyMatcher('OK$', regex), 'OK', 'open')).toBe('pass');
  });

  test('a pattern that does not compile fails every check once something arrives', () => {
    const broken = replyMatcher('(unclosed', regex);
    expect(broken).toMatchObject({ kind: 'bad-regex', message: 'Unmatched ( or \\(' });
    expect(verdict(broken, '', 'open')).toBe('more');
    expect(verdict(broken, 'anything', 'open')).toBe('bad-regex');
    expect(verdict(broken, '', 'closed')).toBe('bad-regex');
  });
});
