import fc from 'fast-check';
import {
  HEARTBEAT_MAGIC,
  decodeHeartbeat,
  encodeHeartbeat,
  packetRejectionLog,
  type HeartbeatMessage,
  type ServiceMode,
} from '@piranha-ts/heartbeat';

const MESSAGES: readonly HeartbeatMessage[] = ['running', 'stopped', 'stop-me', 'hold', 'held'];
const MODES: readonly ServiceMode[] = ['lvs', 'fos'];

describe('encodeHeartbeat: the bytes an x86 original sends (section 4.5)', () => {
  test.each([
    ['lvs', 'running', [0xda, 0xdb, 0xad, 0xbd]],
    ['lvs', 'stopped', [0xbd, 0xda, 0xbd, 0xad]],
    ['fos', 'running', [0xbe, 0xba, 0xef, 0xbe]],
    ['fos', 'stopped', [0xef, 0xbe, 0xad, 0xde]],
    ['fos', 'stop-me', [0xda, 0xda, 0xad, 0xde]],
    ['lvs', 'stop-me', [0xda, 0xda, 0xad, 0xde]],
    ['lvs', 'hold', [0xbe, 0xba, 0xaf, 0xde]],
    ['lvs', 'held', [0xda, 0xda, 0xaf, 0xde]],
  ] as const)('%s %s', (mode, message, bytes) => {
    expect([...encodeHeartbeat(mode, message)]).toEqual(bytes);
  });

  test('the magics are the original constants', () => {
    expect(HEARTBEAT_MAGIC).toEqual({
      lvsRunning: 0xbdaddbda,
      lvsStopped: 0xadbddabd,
      fosRunning: 0xbeefbabe,
      fosStopped: 0xdeadbeef,
      stopMe: 0xdeaddada,
      hold: 0xdeafbabe,
      held: 0xdeafdada,
    });
  });
});

describe('decodeHeartbeat', () => {
  test('reads the original bytes little-endian', () => {
    expect(decodeHeartbeat(Uint8Array.of(0xda, 0xdb, 0xad, 0xbd), 'lvs')).toEqual({
      ok: true,
      packet: { magic: 0xbdaddbda, message: 'running' },
    });
    expect(decodeHeartbeat(Uint8Array.of(0xbd, 0xda, 0xbd, 0xad), 'lvs')).toEqual({
      ok: true,
      packet: { magic: 0xadbddabd, message: 'stopped' },
    });
  });

  test('a big-endian sender is incompatible', () => {
    expect(decodeHeartbeat(Uint8Array.of(0xbd, 0xad, 0xdb, 0xda), 'lvs')).toEqual({
      ok: false,
      reason: 'incompatible',
      magic: 0xdadbadbd,
    });
  });

  test.each([0, 1, 2, 3, 5, 8, 48])('%i bytes are a bad heartbeat packet', (length) => {
    const bytes = new Uint8Array(length).fill(0xda);
    expect(decodeHeartbeat(bytes, 'lvs')).toEqual({ ok: false, reason: 'bad-length', length });
  });

  test('length is tested before the magic, as in the original', () => {
    const longValid = Uint8Array.of(0xda, 0xdb, 0xad, 0xbd, 0);
    expect(decodeHeartbeat(longValid, 'lvs')).toMatchObject({ reason: 'bad-length' });
    expect(decodeHeartbeat(Uint8Array.of(1, 2, 3), 'lvs')).toMatchObject({ reason: 'bad-length' });
  });

  test('the other mode running/stopped magics are incompatible', () => {
    expect(decodeHeartbeat(encodeHeartbeat('fos', 'running'), 'lvs')).toMatchObject({
      ok: false,
      reason: 'incompatible',
    });
    expect(decodeHeartbeat(encodeHeartbeat('fos', 'stopped'), 'lvs')).toMatchObject({
      ok: false,
      reason: 'incompatible',
    });
    expect(decodeHeartbeat(encodeHeartbeat('lvs', 'running'), 'fos')).toMatchObject({
      ok: false,
      reason: 'incompatible',
    });
  });

  test('stop-me, hold and held are accepted in both modes', () => {
    for (const mode of MODES) {
      for (const message of ['stop-me', 'hold', 'held'] as const) {
        expect(decodeHeartbeat(encodeHeartbeat('lvs', message), mode)).toMatchObject({
          ok: true,
          packet: { message },
        });
      }
    }
  });

  test('works on a view into a larger buffer', () => {
    const buffer = new Uint8Array(12);
    buffer.set(encodeHeartbeat('lvs', 'stopped'), 5);
    expect(decodeHeartbeat(buffer.subarray(5, 9), 'lvs')).toMatchObject({
      ok: true,
      packet: { message: 'stopped' },
    });
  });

  test('rejections map to the original log lines', () => {
    expect(packetRejectionLog('bad-length')).toBe('bad heartbeat packet');
    expect(packetRejectionLog('incompatible')).toBe(
      'Incompatible heartbeat received -- other system not using identical services',
    );
  });
});

describe('properties', () => {
  test('decode(encode(m)) = m in every mode', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODES), fc.constantFrom(...MESSAGES), (mode, message) => {
        const decoded = decodeHeartbeat(encodeHeartbeat(mode, message), mode);
        expect(decoded).toMatchObject({ ok: true, packet: { message } });
      }),
    );
  });

  test('any 4 bytes decode to a known message or are incompatible; encode gives them back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODES),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        (mode, bytes) => {
          const decoded = decodeHeartbeat(bytes, mode);
          if (decoded.ok) {
            expect([...encodeHeartbeat(mode, decoded.packet.message)]).toEqual([...bytes]);
          } else {
            expect(decoded.reason).toBe('incompatible');
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('any other length is a bad packet', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }).filter((b) => b.length !== 4),
        (bytes) => {
          expect(decodeHeartbeat(bytes, 'lvs')).toMatchObject({ ok: false, reason: 'bad-length' });
        },
      ),
    );
  });
});
