import fc from 'fast-check';
import {
  SIGNED_LENGTH,
  checkSequence,
  encodeHeartbeat,
  firstSequence,
  signHeartbeat,
  signedRejectionLog,
  verifyHeartbeat,
  type HeartbeatMessage,
} from '@piranha-ts/heartbeat';
import { KEY, OTHER_KEY, hmacSha256 } from './keys.js';

const MESSAGES: readonly HeartbeatMessage[] = ['running', 'stopped', 'stop-me', 'hold', 'held'];

describe('signHeartbeat layout', () => {
  const bytes = signHeartbeat('lvs', 'running', 'backup', 0x0102030405060708n, KEY);

  test('48 bytes: body, version, role, zero, sequence, HMAC', () => {
    expect(bytes.length).toBe(SIGNED_LENGTH);
    expect([...bytes.subarray(0, 4)]).toEqual([...encodeHeartbeat('lvs', 'running')]);
    expect([...bytes.subarray(4, 8)]).toEqual([1, 2, 0, 0]);
    expect([...bytes.subarray(8, 16)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...bytes.subarray(16)]).toEqual([...hmacSha256(KEY.key, bytes.subarray(0, 16))]);
  });

  test('the master role byte is 1', () => {
    expect(signHeartbeat('lvs', 'stopped', 'master', 1n, KEY)[5]).toBe(1);
  });

  test('sequence numbers outside 64 bits are a bug', () => {
    expect(() => signHeartbeat('lvs', 'running', 'master', -1n, KEY)).toThrow(RangeError);
    expect(() => signHeartbeat('lvs', 'running', 'master', 1n << 64n, KEY)).toThrow(RangeError);
  });

  test('a MAC function of the wrong length is a bug', () => {
    const bad = { key: KEY.key, mac: () => new Uint8Array(20) };
    expect(() => signHeartbeat('lvs', 'running', 'master', 1n, bad)).toThrow(/20 bytes/);
  });
});

describe('verifyHeartbeat', () => {
  const good = signHeartbeat('lvs', 'stopped', 'backup', 42n, KEY);

  test('a good packet', () => {
    expect(verifyHeartbeat(good, 'lvs', 'backup', KEY)).toEqual({
      ok: true,
      heartbeat: {
        packet: { magic: 0xadbddabd, message: 'stopped' },
        role: 'backup',
        sequence: 42n,
      },
    });
  });

  test('an unsigned original packet is refused', () => {
    const plain = encodeHeartbeat('lvs', 'running');
    expect(verifyHeartbeat(plain, 'lvs', 'backup', KEY)).toEqual({ ok: false, reason: 'unsigned' });
  });

  test.each([0, 3, 5, 47, 49, 64])('%i bytes are a bad packet', (length) => {
    const bytes = new Uint8Array(length);
    bytes.set(good.subarray(0, Math.min(length, good.length)));
    expect(verifyHeartbeat(bytes, 'lvs', 'backup', KEY)).toEqual({
      ok: false,
      reason: 'bad-format',
    });
  });

  test.each([
    ['version', 4, 2],
    ['role', 5, 0],
    ['role', 5, 3],
    ['reserved', 6, 1],
    ['reserved', 7, 0x80],
  ])('a bad %s byte is a bad packet', (_field, offset, value) => {
    const bytes = Uint8Array.from(good);
    bytes[offset] = value;
    expect(verifyHeartbeat(bytes, 'lvs', 'backup', KEY)).toEqual({
      ok: false,
      reason: 'bad-format',
    });
  });

  test('a different key is a bad signature', () => {
    expect(verifyHeartbeat(good, 'lvs', 'backup', OTHER_KEY)).toEqual({
      ok: false,
      reason: 'bad-mac',
    });
  });

  test('a forged body, sequence or role fails the MAC', () => {
    for (const offset of [0, 3, 5, 8, 15, 16, 47]) {
      const bytes = Uint8Array.from(good);
      bytes[offset] = offset === 5 ? 1 : (bytes[offset] ?? 0) ^ 0x01;
      expect([offset, verifyHeartbeat(bytes, 'lvs', 'backup', KEY)]).toEqual([
        offset,
        { ok: false, reason: 'bad-mac' },
      ]);
    }
  });

  test('our own heartbeat reflected back is refused', () => {
    const mine = signHeartbeat('lvs', 'stopped', 'master', 43n, KEY);
    expect(verifyHeartbeat(mine, 'lvs', 'backup', KEY)).toEqual({
      ok: false,
      reason: 'wrong-role',
    });
  });

  test('a signed heartbeat of the other service type is incompatible', () => {
    const fos = signHeartbeat('fos', 'running', 'backup', 44n, KEY);
    expect(verifyHeartbeat(fos, 'lvs', 'backup', KEY)).toEqual({
      ok: false,
      reason: 'incompatible',
    });
  });

  test('an authentic unknown magic is incompatible', () => {
    const bytes = Uint8Array.from(good);
    bytes.set([1, 2, 3, 4]);
    bytes.set(hmacSha256(KEY.key, bytes.subarray(0, 16)), 16);
    expect(verifyHeartbeat(bytes, 'lvs', 'backup', KEY)).toEqual({
      ok: false,
      reason: 'incompatible',
    });
  });
});

describe('sequence numbers', () => {
  test('only a number above the highest seen is fresh', () => {
    expect(checkSequence(undefined, 0n)).toBe('fresh');
    expect(checkSequence(5n, 6n)).toBe('fresh');
    expect(checkSequence(5n, 5n)).toBe('replayed');
    expect(checkSequence(5n, 4n)).toBe('stale');
  });

  test('a sender starts at the wall clock in microseconds', () => {
    expect(firstSequence(1_700_000_000_123.9)).toBe(1_700_000_000_123_000n);
    expect(firstSequence(-5)).toBe(0n);
  });

  test('log lines', () => {
    expect(signedRejectionLog('bad-format')).toBe('bad heartbeat packet');
    expect(signedRejectionLog('incompatible')).toBe(
      'Incompatible heartbeat received -- other system not using identical services',
    );
    expect(signedRejectionLog('replayed')).toBe('replayed heartbeat refused');
  });
});

test('property: verify(sign(x)) = x', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('lvs' as const, 'fos' as const),
      fc.constantFrom(...MESSAGES),
      fc.constantFrom('master' as const, 'backup' as const),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      (mode, message, role, sequence) => {
        const verified = verifyHeartbeat(
          signHeartbeat(mode, message, role, sequence, KEY),
          mode,
          role,
          KEY,
        );
        expect(verified).toMatchObject({
          ok: true,
          heartbeat: { packet: { message }, role, sequence },
        });
      },
    ),
  );
});

test('property: flipping any bit of a signed packet is refused', () => {
  const good = signHeartbeat('lvs', 'running', 'master', 7n, KEY);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: SIGNED_LENGTH * 8 - 1 }), (bit) => {
      const bytes = Uint8Array.from(good);
      bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      expect(verifyHeartbeat(bytes, 'lvs', 'master', KEY).ok).toBe(false);
    }),
    { numRuns: 400 },
  );
});
