// The Ethernet ARP frame send_arp puts on the wire (section 8.2 of the reference): 14 bytes of
// Ethernet header, 28 bytes of ARP body, 18 zero bytes of padding, 60 bytes in all (no FCS).
import {
  ipv4FromBytes,
  ipv4ToBytes,
  macFromBytes,
  macToBytes,
  type Ipv4Address,
  type MacAddress,
} from './addresses.js';

export const ARP_FRAME_LENGTH = 60;
/** Ethernet header plus ARP body: what a frame must hold before its padding. */
export const ARP_FRAME_MIN_LENGTH = 42;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV4 = 0x0800;
export const ARP_HARDWARE_ETHERNET = 1;
export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;

/** Every field of an Ethernet/IPv4 ARP frame that can vary. */
export interface ArpFrame {
  readonly ethernetDestination: MacAddress;
  readonly ethernetSource: MacAddress;
  /** 16-bit operation code: 1 request, 2 reply. */
  readonly operation: number;
  readonly senderMac: MacAddress;
  readonly senderIp: Ipv4Address;
  readonly targetMac: MacAddress;
  readonly targetIp: Ipv4Address;
}

/**
 * send_arp's arguments, parsed. `rfc2002` (the default) is the gratuitous-reply body of
 * piranha 0.8.4-8 and later, whose target fields repeat the sender's, so TARGET_IP plays no
 * part; `v05` is the older body whose target fields are TARGET_IP and TARGET_MAC.
 */
export type SendArpRequest =
  | {
      readonly form?: 'rfc2002';
      readonly sourceIp: Ipv4Address;
      readonly sourceMac: MacAddress;
      readonly targetMac: MacAddress;
    }
  | {
      readonly form: 'v05';
      readonly sourceIp: Ipv4Address;
      readonly sourceMac: MacAddress;
      readonly targetIp: Ipv4Address;
      readonly targetMac: MacAddress;
    };

/**
 * The frame send_arp sends for its arguments. Both forms use operation 2 (reply), as the
 * original does although its constant is named a request, and send to TARGET_MAC.
 */
export function sendArpFrame(request: SendArpRequest): ArpFrame {
  const v05 = request.form === 'v05';
  return {
    ethernetDestination: request.targetMac,
    ethernetSource: request.sourceMac,
    operation: ARP_REPLY,
    senderMac: request.sourceMac,
    senderIp: request.sourceIp,
    targetMac: v05 ? request.targetMac : request.sourceMac,
    targetIp: v05 ? request.targetIp : request.sourceIp,
  };
}

/** The 60-byte frame, all multi-byte fields in network byte order. */
export function encodeArpFrame(frame: ArpFrame): Uint8Array {
  const bytes = new Uint8Array(ARP_FRAME_LENGTH);
  const view = new DataView(bytes.buffer);
  bytes.set(macToBytes(frame.ethernetDestination), 0);
  bytes.set(macToBytes(frame.ethernetSource), 6);
  view.setUint16(12, ETHERTYPE_ARP);
  view.setUint16(14, ARP_HARDWARE_ETHERNET);
  view.setUint16(16, ETHERTYPE_IPV4);
  bytes[18] = 6;
  bytes[19] = 4;
  view.setUint16(20, frame.operation);
  bytes.set(macToBytes(frame.senderMac), 22);
  bytes.set(ipv4ToBytes(frame.senderIp), 28);
  bytes.set(macToBytes(frame.targetMac), 32);
  bytes.set(ipv4ToBytes(frame.targetIp), 38);
  return bytes;
}

export type ArpDecodeErrorCode = 'too-short' | 'not-arp' | 'not-ethernet-ipv4';

export interface ArpDecodeError {
  readonly code: ArpDecodeErrorCode;
  readonly message: string;
}

export type ArpDecodeResult =
  | { readonly ok: true; readonly frame: ArpFrame }
  | { readonly ok: false; readonly error: ArpDecodeError };

function decodeError(code: ArpDecodeErrorCode, message: string): ArpDecodeResult {
  return { ok: false, error: { code, message } };
}

/**
 * Reads an Ethernet ARP frame (a capture, or our own encoding). Padding is not looked at:
 * frames captured on the sending host may have none.
 */
export function decodeArpFrame(bytes: Uint8Array): ArpDecodeResult {
  if (bytes.length < ARP_FRAME_MIN_LENGTH) {
    return decodeError('too-short', `${bytes.length} bytes, an ARP frame has at least 42`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const etherType = view.getUint16(12);
  if (etherType !== ETHERTYPE_ARP) {
    return decodeError('not-arp', `EtherType 0x${etherType.toString(16).padStart(4, '0')}`);
  }
  const ethernetIpv4 =
    view.getUint16(14) === ARP_HARDWARE_ETHERNET &&
    view.getUint16(16) === ETHERTYPE_IPV4 &&
    bytes[18] === 6 &&
    bytes[19] === 4;
  if (!ethernetIpv4) {
    return decodeError('not-ethernet-ipv4', 'hardware or protocol type is not Ethernet/IPv4');
  }
  return {
    ok: true,
    frame: {
      ethernetDestination: macFromBytes(bytes, 0),
      ethernetSource: macFromBytes(bytes, 6),
      operation: view.getUint16(20),
      senderMac: macFromBytes(bytes, 22),
      senderIp: ipv4FromBytes(bytes, 28),
      targetMac: macFromBytes(bytes, 32),
      targetIp: ipv4FromBytes(bytes, 38),
    },
  };
}
