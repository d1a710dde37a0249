// Signed heartbeats: our extension, used only when both nodes share a key. The original
// protocol lets anyone who can send from the partner's address drive the state machine.
//
// Layout, 48 bytes:
//   offset  size  field
//        0     4  magic, little-endian: the original 4-byte body, unchanged
//        4     1  format version, 1
//        5     1  sender role: 1 = primary (master), 2 = backup
//        6     2  zero
//        8     8  sequence number, unsigned, big-endian; strictly increasing per sender
//       16    32  HMAC-SHA256(key, bytes 0..15)
// The role byte stops a node's own heartbeats being reflected back at it; the sequence
// number stops replays (the receiver keeps the highest accepted per partner address).
import type { DecodeResult, HeartbeatMessage, HeartbeatPacket, ServiceMode } from './packet.js';
import { HEARTBEAT_LENGTH, decodeMagic, magicOf, readMagic, viewOf, writeMagic } from './packet.js';

export type Role = 'master' | 'backup';

/** HMAC-SHA256 supplied by the caller (node:crypto at the edge), so this module stays pure. */
export type MacFunction = (key: Uint8Array, data: Uint8Array) => Uint8Array;

export interface HeartbeatKey {
  readonly key: Uint8Array;
  readonly mac: MacFunction;
}

export const SIGNED_LENGTH = 48;
export const SIGNED_VERSION = 1;
const SIGNED_DATA = 16;
const MAC_LENGTH = 32;
const ROLE_BYTE: Readonly<Record<Role, number>> = { master: 1, backup: 2 };

export interface SignedHeartbeat {
  readonly packet: HeartbeatPacket;
  readonly role: Role;
  readonly sequence: bigint;
}

/** Why a keyed receiver refuses a datagram, in the order it tests. */
export type SignedRejection =
  'unsigned' | 'bad-format' | 'bad-mac' | 'wrong-role' | 'incompatible' | 'replayed' | 'stale';

export type VerifyResult =
  | { readonly ok: true; readonly heartbeat: SignedHeartbeat }
  | { readonly ok: false; readonly reason: Exclude<SignedRejection, 'replayed' | 'stale'> };

export const MAX_SEQUENCE = 0xffff_ffff_ffff_ffffn;

function macOf(auth: HeartbeatKey, data: Uint8Array): Uint8Array {
  const mac = auth.mac(auth.key, data);
  if (mac.length !== MAC_LENGTH) throw new Error(`MAC function returned ${mac.length} bytes`);
  return mac;
}

export function signHeartbeat(
  mode: ServiceMode,
  message: HeartbeatMessage,
  role: Role,
  sequence: bigint,
  auth: HeartbeatKey,
): Uint8Array {
  if (sequence < 0n || sequence > MAX_SEQUENCE) throw new RangeError('sequence out of range');
  const bytes = new Uint8Array(SIGNED_LENGTH);
  writeMagic(bytes, 0, magicOf(mode, message));
  bytes[4] = SIGNED_VERSION;
  bytes[5] = ROLE_BYTE[role];
  viewOf(bytes).setBigUint64(8, sequence, false);
  bytes.set(macOf(auth, bytes.subarray(0, SIGNED_DATA)), SIGNED_DATA);
  return bytes;
}

/** Same result in the same time whatever the first differing byte. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function roleOf(byte: number | undefined): Role | undefined {
  if (byte === ROLE_BYTE.master) return 'master';
  if (byte === ROLE_BYTE.backup) return 'backup';
  return undefined;
}

/**
 * Format, then MAC, then content: nothing unauthenticated is interpreted. The sequence
 * number is checked by the caller against its per-partner record (see checkSequence).
 */
export function verifyHeartbeat(
  bytes: Uint8Array,
  mode: ServiceMode,
  partnerRole: Role,
  auth: HeartbeatKey,
): VerifyResult {
  if (bytes.length === HEARTBEAT_LENGTH) return { ok: false, reason: 'unsigned' };
  if (bytes.length !== SIGNED_LENGTH || bytes[4] !== SIGNED_VERSION) {
    return { ok: false, reason: 'bad-format' };
  }
  if (bytes[6] !== 0 || bytes[7] !== 0) return { ok: false, reason: 'bad-format' };
  const role = roleOf(bytes[5]);
  if (role === undefined) return { ok: false, reason: 'bad-format' };
  const expected = macOf(auth, bytes.subarray(0, SIGNED_DATA));
  if (!equalBytes(expected, bytes.subarray(SIGNED_DATA))) return { ok: false, reason: 'bad-mac' };
  if (role !== partnerRole) return { ok: false, reason: 'wrong-role' };
  const decoded: DecodeResult = decodeMagic(readMagic(bytes, 0), mode);
  if (!decoded.ok) return { ok: false, reason: 'incompatible' };
  const sequence = viewOf(bytes).getBigUint64(8, false);
  return { ok: true, heartbeat: { packet: decoded.packet, role, sequence } };
}

export type SequenceCheck = 'fresh' | 'replayed' | 'stale';

/** Only a number above the highest accepted from that address is fresh. */
export function checkSequence(highest: bigint | undefined, sequence: bigint): SequenceCheck {
  if (highest === undefined || sequence > highest) return 'fresh';
  return sequence === highest ? 'replayed' : 'stale';
}

/**
 * The first sequence number of a sender: microseconds of the wall clock, so a restarted
 * sender starts above everything it sent before (unless its clock went back).
 */
export function firstSequence(wallClockMs: number): bigint {
  return BigInt(Math.max(0, Math.floor(wallClockMs))) * 1000n;
}

export function signedRejectionLog(reason: SignedRejection): string {
  switch (reason) {
    case 'unsigned':
      return 'unsigned heartbeat refused (a heartbeat key is configured)';
    case 'bad-format':
      return 'bad heartbeat packet';
    case 'bad-mac':
      return 'heartbeat with a bad signature refused';
    case 'wrong-role':
      return 'heartbeat signed for the wrong role refused';
    case 'incompatible':
      return 'Incompatible heartbeat received -- other system not using identical services';
    case 'replayed':
      return 'replayed heartbeat refused';
    case 'stale':
      return 'out-of-date heartbeat refused';
  }
}
