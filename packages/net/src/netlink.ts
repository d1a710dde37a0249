// rtnetlink messages for IPv4 addresses (rtnetlink(7)), encoded and decoded as pure functions:
// the requests `ip addr add/del` and `ip addr show` send, and the kernel's answers. pulse speaks
// them itself, so a takeover starts no process to move an address.
import { ipv4FromBytes, ipv4ToBytes, type Ipv4Address } from './addresses.js';

export const NETLINK_ROUTE = 0;
const NLMSG_HEADER = 16;
const IFADDRMSG = 8;
const RTATTR_HEADER = 4;

export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
const RTM_NEWADDR = 20;
const RTM_DELADDR = 21;
const RTM_GETADDR = 22;

const NLM_F_REQUEST = 0x1;
const NLM_F_ACK = 0x4;
const NLM_F_EXCL = 0x200;
const NLM_F_CREATE = 0x400;
const NLM_F_DUMP = 0x300;

const AF_INET = 2;
const RT_SCOPE_UNIVERSE = 0;
const IFA_ADDRESS = 1;
const IFA_LOCAL = 2;
const IFA_LABEL = 3;
const IFA_BROADCAST = 4;
/** The kernel's IFNAMSIZ, terminating NUL included. */
const LABEL_MAX = 16;

export interface AddressChange {
  readonly kind: 'add' | 'delete';
  readonly interfaceIndex: number;
  readonly address: Ipv4Address;
  readonly prefixLength: number;
  /** `brd +`: the subnet's broadcast address, computed by the caller's prefix. Add only. */
  readonly broadcast?: Ipv4Address;
  /** `eth0:1`. Add only. */
  readonly label?: string;
}

/** An IPv4 address on an interface, as the kernel lists it. */
export interface NetlinkAddress {
  readonly interfaceIndex: number;
  readonly address: Ipv4Address;
  readonly prefixLength: number;
  readonly broadcast: Ipv4Address | undefined;
  readonly label: string | undefined;
}

export interface NetlinkMessage {
  readonly type: number;
  readonly flags: number;
  readonly seq: number;
  readonly payload: Uint8Array;
}

const align4 = (n: number): number => (n + 3) & ~3;

function attribute(type: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(align4(RTATTR_HEADER + value.length));
  const view = new DataView(out.buffer);
  view.setUint16(0, RTATTR_HEADER + value.length, true);
  view.setUint16(2, type, true);
  out.set(value, RTATTR_HEADER);
  return out;
}

function message(type: number, flags: number, seq: number, parts: readonly Uint8Array[]) {
  const length = NLMSG_HEADER + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, length, true);
  view.setUint16(4, type, true);
  view.setUint16(6, flags, true);
  view.setUint32(8, seq, true);
  let offset = NLMSG_HEADER;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function ifaddrmsg(prefixLength: number, interfaceIndex: number): Uint8Array {
  const out = new Uint8Array(IFADDRMSG);
  out[0] = AF_INET;
  out[1] = prefixLength;
  out[3] = RT_SCOPE_UNIVERSE;
  new DataView(out.buffer).setUint32(4, interfaceIndex, true);
  return out;
}

/** `ip addr add A/P brd B dev D label L` or `ip addr del A/P dev D`, as one request. */
export function encodeAddressChange(change: AddressChange, seq: number): Uint8Array {
  const bytes = ipv4ToBytes(change.address);
  const parts = [
    ifaddrmsg(change.prefixLength, change.interfaceIndex),
    attribute(IFA_LOCAL, bytes),
    attribute(IFA_ADDRESS, bytes),
  ];
  if (change.kind === 'delete') {
    return message(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, seq, parts);
  }
  if (change.broadcast !== undefined) {
    parts.push(attribute(IFA_BROADCAST, ipv4ToBytes(change.broadcast)));
  }
  if (change.label !== undefined) {
    parts.push(attribute(IFA_LABEL, new TextEncoder().encode(`${change.label}\0`)));
  }
  const flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  return message(RTM_NEWADDR, flags, seq, parts);
}

/** `ip -4 addr show`: every IPv4 address of every interface. */
export function encodeAddressDump(seq: number): Uint8Array {
  return message(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq, [ifaddrmsg(0, 0)]);
}

/** The whole messages in one datagram from the kernel; a truncated tail is dropped. */
export function decodeMessages(data: Uint8Array): NetlinkMessage[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const messages: NetlinkMessage[] = [];
  let offset = 0;
  while (offset + NLMSG_HEADER <= data.length) {
    const length = view.getUint32(offset, true);
    if (length < NLMSG_HEADER || offset + length > data.length) break;
    messages.push({
      type: view.getUint16(offset + 4, true),
      flags: view.getUint16(offset + 6, true),
      seq: view.getUint32(offset + 8, true),
      payload: data.subarray(offset + NLMSG_HEADER, offset + length),
    });
    offset += align4(length);
  }
  return messages;
}

/** An NLMSG_ERROR's errno: 0 for an acknowledgement, a positive errno for a refusal. */
export function errorCode(msg: NetlinkMessage): number {
  if (msg.payload.length < 4) return 0;
  const view = new DataView(msg.payload.buffer, msg.payload.byteOffset, 4);
  const code = view.getInt32(0, true);
  return code === 0 ? 0 : -code;
}

function attributes(payload: Uint8Array, from: number): Map<number, Uint8Array> {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const found = new Map<number, Uint8Array>();
  let offset = from;
  while (offset + RTATTR_HEADER <= payload.length) {
    const length = view.getUint16(offset, true);
    if (length < RTATTR_HEADER || offset + length > payload.length) break;
    found.set(
      view.getUint16(offset + 2, true),
      payload.subarray(offset + RTATTR_HEADER, offset + length),
    );
    offset += align4(length);
  }
  return found;
}

function label(value: Uint8Array | undefined): string | undefined {
  if (value === undefined) return undefined;
  const end = value.indexOf(0);
  return new TextDecoder().decode(
    value.subarray(0, end < 0 ? Math.min(value.length, LABEL_MAX) : end),
  );
}

/** An RTM_NEWADDR of a dump, or undefined when it is not a well-formed IPv4 one. */
export function decodeAddress(msg: NetlinkMessage): NetlinkAddress | undefined {
  if (msg.type !== RTM_NEWADDR || msg.payload.length < IFADDRMSG) return undefined;
  if (msg.payload[0] !== AF_INET) return undefined;
  const prefixLength = msg.payload[1] ?? 0;
  const interfaceIndex = new DataView(msg.payload.buffer, msg.payload.byteOffset + 4, 4).getUint32(
    0,
    true,
  );
  const attrs = attributes(msg.payload, IFADDRMSG);
  // IFA_LOCAL is the interface's own address; IFA_ADDRESS the peer's on point-to-point links.
  const local = attrs.get(IFA_LOCAL) ?? attrs.get(IFA_ADDRESS);
  if (local === undefined || local.length !== 4) return undefined;
  const broadcast = attrs.get(IFA_BROADCAST);
  return {
    interfaceIndex,
    address: ipv4FromBytes(local),
    prefixLength,
    broadcast: broadcast?.length === 4 ? ipv4FromBytes(broadcast) : undefined,
    label: label(attrs.get(IFA_LABEL)),
  };
}
