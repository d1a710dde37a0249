// One node's view of the heartbeat wire: which datagrams count as the partner's heartbeats
// (validation in the original's order, section 4.5) and what bytes to send. The sequence
// numbers of the signed form are state, kept here as a value the caller threads through.
import type { HeartbeatKey, Role, SignedRejection } from './auth.js';
import {
  checkSequence,
  firstSequence,
  signHeartbeat,
  signedRejectionLog,
  verifyHeartbeat,
} from './auth.js';
import type { HeartbeatMessage, ServiceMode } from './packet.js';
import { decodeHeartbeat, encodeHeartbeat, packetRejectionLog } from './packet.js';

/** The public path, and the optional private one (`primary_private`/`backup_private`). */
export type Channel = 'public' | 'private';

export interface WireOptions {
  readonly mode: ServiceMode;
  readonly role: Role;
  /** The partner's addresses: heartbeats are accepted from these only. */
  readonly partner: { readonly public: string; readonly private: string | undefined };
  /** Set: send signed heartbeats and refuse any other. Unset: the original protocol. */
  readonly key: HeartbeatKey | undefined;
}

export interface WireState {
  /** Next sequence number this node signs with (one per datagram, across channels). */
  readonly nextSequence: bigint;
  /** Highest sequence number accepted per partner address. */
  readonly highest: Readonly<Partial<Record<Channel, bigint>>>;
}

export type WireRejection = 'unexpected-sender' | 'bad-length' | SignedRejection;

export interface WireLog {
  readonly level: 'warn' | 'debug';
  readonly message: string;
}

export type Received =
  | {
      readonly ok: true;
      readonly message: HeartbeatMessage;
      readonly channel: Channel;
    }
  | { readonly ok: false; readonly reason: WireRejection; readonly log: WireLog };

export function initialWireState(wallClockMs: number): WireState {
  return { nextSequence: firstSequence(wallClockMs), highest: {} };
}

export const partnerRole = (role: Role): Role => (role === 'master' ? 'backup' : 'master');

/** The channel a sender address belongs to; the original accepts either on either socket. */
export function channelOf(options: WireOptions, from: string): Channel | undefined {
  if (from === options.partner.public) return 'public';
  if (options.partner.private !== undefined && from === options.partner.private) return 'private';
  return undefined;
}

const refuse = (reason: WireRejection, message: string): Received => ({
  ok: false,
  reason,
  log: { level: reason === 'unexpected-sender' ? 'debug' : 'warn', message },
});

export function receiveDatagram(
  options: WireOptions,
  state: WireState,
  from: string,
  bytes: Uint8Array,
): { readonly state: WireState; readonly received: Received } {
  const channel = channelOf(options, from);
  if (channel === undefined) {
    return { state, received: refuse('unexpected-sender', `Unexpected heartbeat from ${from}`) };
  }
  if (options.key === undefined) {
    const decoded = decodeHeartbeat(bytes, options.mode);
    if (!decoded.ok)
      return { state, received: refuse(decoded.reason, packetRejectionLog(decoded.reason)) };
    return { state, received: { ok: true, message: decoded.packet.message, channel } };
  }
  const verified = verifyHeartbeat(bytes, options.mode, partnerRole(options.role), options.key);
  if (!verified.ok) {
    return { state, received: refuse(verified.reason, signedRejectionLog(verified.reason)) };
  }
  const { sequence, packet } = verified.heartbeat;
  const check = checkSequence(state.highest[channel], sequence);
  if (check !== 'fresh') return { state, received: refuse(check, signedRejectionLog(check)) };
  return {
    state: { ...state, highest: { ...state.highest, [channel]: sequence } },
    received: { ok: true, message: packet.message, channel },
  };
}

export function heartbeatBytes(
  options: WireOptions,
  state: WireState,
  message: HeartbeatMessage,
): { readonly state: WireState; readonly bytes: Uint8Array } {
  if (options.key === undefined) return { state, bytes: encodeHeartbeat(options.mode, message) };
  const bytes = signHeartbeat(options.mode, message, options.role, state.nextSequence, options.key);
  return { state: { ...state, nextSequence: state.nextSequence + 1n }, bytes };
}
