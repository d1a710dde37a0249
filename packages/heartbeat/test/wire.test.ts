import {
  encodeHeartbeat,
  heartbeatBytes,
  initialWireState,
  receiveDatagram,
  signHeartbeat,
  type WireOptions,
} from '@piranha-ts/heartbeat';
import { KEY } from './keys.js';

const PARTNER = { public: '192.0.2.2', private: '10.0.0.2' };
const PLAIN: WireOptions = { mode: 'lvs', role: 'master', partner: PARTNER, key: undefined };
const SIGNED: WireOptions = { ...PLAIN, key: KEY };
const state = initialWireState(1000);

describe('keyless: the original protocol', () => {
  test('a heartbeat from the partner public or private address, with its channel', () => {
    const bytes = encodeHeartbeat('lvs', 'stopped');
    expect(receiveDatagram(PLAIN, state, '192.0.2.2', bytes).received).toEqual({
      ok: true,
      message: 'stopped',
      channel: 'public',
    });
    expect(receiveDatagram(PLAIN, state, '10.0.0.2', bytes).received).toEqual({
      ok: true,
      message: 'stopped',
      channel: 'private',
    });
  });

  test('the sender is tested first and logged only with -v', () => {
    expect(receiveDatagram(PLAIN, state, '192.0.2.9', new Uint8Array(1)).received).toEqual({
      ok: false,
      reason: 'unexpected-sender',
      log: { level: 'debug', message: 'Unexpected heartbeat from 192.0.2.9' },
    });
  });

  test('without a private pair the private address is a stranger', () => {
    const options = { ...PLAIN, partner: { public: PARTNER.public, private: undefined } };
    const bytes = encodeHeartbeat('lvs', 'running');
    expect(receiveDatagram(options, state, '10.0.0.2', bytes).received).toMatchObject({
      reason: 'unexpected-sender',
    });
  });

  test('then the length, then the magic', () => {
    expect(receiveDatagram(PLAIN, state, '192.0.2.2', new Uint8Array(3)).received).toEqual({
      ok: false,
      reason: 'bad-length',
      log: { level: 'warn', message: 'bad heartbeat packet' },
    });
    const fos = encodeHeartbeat('fos', 'running');
    expect(receiveDatagram(PLAIN, state, '192.0.2.2', fos).received).toEqual({
      ok: false,
      reason: 'incompatible',
      log: {
        level: 'warn',
        message: 'Incompatible heartbeat received -- other system not using identical services',
      },
    });
  });

  test('a signed packet is not the plain form, so it is bad', () => {
    const signed = signHeartbeat('lvs', 'running', 'backup', 1n, KEY);
    expect(receiveDatagram(PLAIN, state, '192.0.2.2', signed).received).toMatchObject({
      reason: 'bad-length',
    });
  });

  test('sends the 4-byte form and keeps no sequence', () => {
    const sent = heartbeatBytes(PLAIN, state, 'running');
    expect([...sent.bytes]).toEqual([0xda, 0xdb, 0xad, 0xbd]);
    expect(sent.state).toBe(state);
  });
});

describe('with a key', () => {
  const fromBackup = (sequence: bigint) => signHeartbeat('lvs', 'running', 'backup', sequence, KEY);

  test('an unsigned heartbeat is refused', () => {
    const plain = encodeHeartbeat('lvs', 'running');
    expect(receiveDatagram(SIGNED, state, '192.0.2.2', plain).received).toMatchObject({
      ok: false,
      reason: 'unsigned',
    });
  });

  test('accepts increasing sequence numbers and records the highest per address', () => {
    const first = receiveDatagram(SIGNED, state, '192.0.2.2', fromBackup(10n));
    expect(first.received).toEqual({ ok: true, message: 'running', channel: 'public' });
    expect(first.state.highest).toEqual({ public: 10n });
    const second = receiveDatagram(SIGNED, first.state, '10.0.0.2', fromBackup(11n));
    expect(second.state.highest).toEqual({ public: 10n, private: 11n });
    const third = receiveDatagram(SIGNED, second.state, '192.0.2.2', fromBackup(12n));
    expect(third.received.ok).toBe(true);
    expect(third.state.highest).toEqual({ public: 12n, private: 11n });
  });

  test('a replayed or older packet is refused and changes nothing', () => {
    const seen = receiveDatagram(SIGNED, state, '192.0.2.2', fromBackup(10n)).state;
    const replay = receiveDatagram(SIGNED, seen, '192.0.2.2', fromBackup(10n));
    expect(replay.received).toEqual({
      ok: false,
      reason: 'replayed',
      log: { level: 'warn', message: 'replayed heartbeat refused' },
    });
    expect(replay.state).toBe(seen);
    const old = receiveDatagram(SIGNED, seen, '192.0.2.2', fromBackup(9n));
    expect(old.received).toMatchObject({ ok: false, reason: 'stale' });
  });

  test('a forged packet does not move the record', () => {
    const forged = fromBackup(99n);
    forged[20] = (forged[20] ?? 0) ^ 0xff;
    const result = receiveDatagram(SIGNED, state, '192.0.2.2', forged);
    expect(result.received).toMatchObject({ ok: false, reason: 'bad-mac' });
    expect(result.state).toBe(state);
  });

  test('each datagram is signed with the next sequence number', () => {
    const a = heartbeatBytes(SIGNED, state, 'stopped');
    const b = heartbeatBytes(SIGNED, a.state, 'stopped');
    expect(state.nextSequence).toBe(1_000_000n);
    expect(b.state.nextSequence).toBe(1_000_002n);
    const view = (bytes: Uint8Array) => new DataView(bytes.buffer).getBigUint64(8, false);
    expect([view(a.bytes), view(b.bytes)]).toEqual([1_000_000n, 1_000_001n]);
    expect(a.bytes[5]).toBe(1);
  });

  test('what one node sends, its partner accepts', () => {
    const backup: WireOptions = {
      mode: 'lvs',
      role: 'backup',
      partner: { public: '192.0.2.1', private: undefined },
      key: KEY,
    };
    const sent = heartbeatBytes(backup, initialWireState(5), 'running');
    expect(receiveDatagram(SIGNED, state, '192.0.2.2', sent.bytes).received.ok).toBe(true);
    const own = heartbeatBytes(SIGNED, state, 'running');
    expect(receiveDatagram(SIGNED, state, '192.0.2.2', own.bytes).received).toMatchObject({
      reason: 'wrong-role',
    });
  });
});
