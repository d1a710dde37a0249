// The heartbeat datagram of pulse (reference section 4.5): exactly 4 bytes, one 32-bit
// "magic". The originals copy a C unsigned int without htonl, so x86 builds send it
// little-endian; reading and writing little-endian makes us a partner for them.

/** `service` of lvs.cf: the two modes use different running/stopped magics. */
export type ServiceMode = 'lvs' | 'fos';

/** What a heartbeat says. `hold` and `held` are defined but never sent by any original. */
export type HeartbeatMessage = 'running' | 'stopped' | 'stop-me' | 'hold' | 'held';

export const HEARTBEAT_MAGIC = {
  lvsRunning: 0xbdaddbda,
  lvsStopped: 0xadbddabd,
  fosRunning: 0xbeefbabe,
  fosStopped: 0xdeadbeef,
  stopMe: 0xdeaddada,
  hold: 0xdeafbabe,
  held: 0xdeafdada,
} as const;

/** Length of the original datagram. */
export const HEARTBEAT_LENGTH = 4;

export interface HeartbeatPacket {
  readonly magic: number;
  readonly message: HeartbeatMessage;
}

/** Why a datagram is not a heartbeat, in the order the original tests. */
export type PacketRejection = 'bad-length' | 'incompatible';

export type DecodeResult =
  | { readonly ok: true; readonly packet: HeartbeatPacket }
  | { readonly ok: false; readonly reason: 'bad-length'; readonly length: number }
  | { readonly ok: false; readonly reason: 'incompatible'; readonly magic: number };

export function magicOf(mode: ServiceMode, message: HeartbeatMessage): number {
  switch (message) {
    case 'running':
      return mode === 'lvs' ? HEARTBEAT_MAGIC.lvsRunning : HEARTBEAT_MAGIC.fosRunning;
    case 'stopped':
      return mode === 'lvs' ? HEARTBEAT_MAGIC.lvsStopped : HEARTBEAT_MAGIC.fosStopped;
    case 'stop-me':
      return HEARTBEAT_MAGIC.stopMe;
    case 'hold':
      return HEARTBEAT_MAGIC.hold;
    case 'held':
      return HEARTBEAT_MAGIC.held;
  }
}

/** The message a magic stands for in this mode; the other mode's magics are incompatible. */
export function messageOf(mode: ServiceMode, magic: number): HeartbeatMessage | undefined {
  const messages: readonly HeartbeatMessage[] = ['running', 'stopped', 'stop-me', 'hold', 'held'];
  return messages.find((m) => magicOf(mode, m) === magic);
}

/** A DataView over exactly these bytes (a Uint8Array may be a window on a larger buffer). */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function writeMagic(target: Uint8Array, offset: number, magic: number): void {
  viewOf(target).setUint32(offset, magic, true);
}

export function readMagic(source: Uint8Array, offset: number): number {
  return viewOf(source).getUint32(offset, true);
}

export function encodeHeartbeat(mode: ServiceMode, message: HeartbeatMessage): Uint8Array {
  const bytes = new Uint8Array(HEARTBEAT_LENGTH);
  writeMagic(bytes, 0, magicOf(mode, message));
  return bytes;
}

/**
 * Checks 4 and 5 of the original's receive validation (the sender test comes first, see
 * wire.ts). Unlike the original, which reads 4 bytes and silently drops the rest, a longer
 * datagram is bad: a keyless node must not take a signed packet's body on trust.
 */
export function decodeHeartbeat(bytes: Uint8Array, mode: ServiceMode): DecodeResult {
  if (bytes.length !== HEARTBEAT_LENGTH) {
    return { ok: false, reason: 'bad-length', length: bytes.length };
  }
  return decodeMagic(readMagic(bytes, 0), mode);
}

export function decodeMagic(magic: number, mode: ServiceMode): DecodeResult {
  const message = messageOf(mode, magic);
  if (message === undefined) return { ok: false, reason: 'incompatible', magic };
  return { ok: true, packet: { magic, message } };
}

/** The original's log line for a rejected datagram. */
export function packetRejectionLog(reason: PacketRejection): string {
  return reason === 'bad-length'
    ? 'bad heartbeat packet'
    : 'Incompatible heartbeat received -- other system not using identical services';
}
