// Sends one raw Ethernet frame on an interface through an AF_PACKET socket, calling libc with
// koffi: Node has no packet sockets. The original used the older SOCK_PACKET interface, which
// Linux still accepts but deprecates; AF_PACKET/SOCK_RAW sends the same bytes.
import { endianness } from 'node:os';
import { ETHERTYPE_ARP } from '../arp.js';
import { lastErrno, loadLibc, type Libc } from './libc.js';

const AF_PACKET = 17;
const SOCK_RAW = 3;
const SOCKADDR_LL_SIZE = 20;
const EPERM = 1;
const EACCES = 13;
const ENODEV = 19;

export type PacketSocketErrorCode =
  'not-permitted' | 'socket-failed' | 'no-such-interface' | 'send-failed' | 'short-send';

export interface PacketSocketError {
  readonly code: PacketSocketErrorCode;
  /** The libc call that failed, as perror would name it. */
  readonly syscall: 'socket' | 'if_nametoindex' | 'sendto';
  /** 0 when the call did not fail with an errno (a short send). */
  readonly errno: number;
  /** strerror(errno), or a description of a short send. */
  readonly message: string;
}

export type SendFrameResult =
  | { readonly ok: true; readonly bytesSent: number; readonly interfaceIndex: number }
  | { readonly ok: false; readonly error: PacketSocketError };

/** htons: the value whose in-memory bytes are `value` in network byte order. */
function htons(value: number): number {
  return endianness() === 'LE' ? ((value & 0xff) << 8) | (value >> 8) : value;
}

function sockaddrLl(ifindex: number, protocol: number, destination: Uint8Array): Buffer {
  const le = endianness() === 'LE';
  const addr = Buffer.alloc(SOCKADDR_LL_SIZE);
  if (le) addr.writeUInt16LE(AF_PACKET, 0);
  else addr.writeUInt16BE(AF_PACKET, 0);
  addr.writeUInt16BE(protocol, 2);
  if (le) addr.writeInt32LE(ifindex, 4);
  else addr.writeInt32BE(ifindex, 4);
  addr[11] = 6;
  addr.set(destination.subarray(0, 6), 12);
  return addr;
}

function failure(
  c: Libc,
  code: PacketSocketErrorCode,
  syscall: PacketSocketError['syscall'],
  errno: number,
): SendFrameResult {
  return { ok: false, error: { code, syscall, errno, message: c.strerror(errno) } };
}

function sendOn(c: Libc, fd: number, name: string, frame: Uint8Array, protocol: number) {
  const ifindex = c.if_nametoindex(name);
  if (ifindex === 0) {
    const errno = lastErrno();
    return failure(
      c,
      errno === ENODEV ? 'no-such-interface' : 'send-failed',
      'if_nametoindex',
      errno,
    );
  }
  const to = sockaddrLl(ifindex, protocol, frame);
  const sent = Number(c.sendto(fd, frame, frame.length, 0, to, to.length));
  if (sent < 0) return failure(c, 'send-failed', 'sendto', lastErrno());
  if (sent !== frame.length) {
    const message = `sent ${sent} of ${frame.length} bytes`;
    return {
      ok: false,
      error: { code: 'short-send', syscall: 'sendto', errno: 0, message },
    } as const;
  }
  return { ok: true, bytesSent: sent, interfaceIndex: ifindex } as const;
}

/**
 * Sends `frame` (a whole Ethernet frame, destination MAC first) on interface `name`.
 * Needs CAP_NET_RAW; a missing interface is reported as ENODEV, as sendto did in the original.
 */
export function sendRawFrame(
  name: string,
  frame: Uint8Array,
  etherType: number = ETHERTYPE_ARP,
): SendFrameResult {
  const c = loadLibc();
  const fd = c.socket(AF_PACKET, SOCK_RAW, htons(etherType));
  if (fd < 0) {
    const errno = lastErrno();
    const denied = errno === EPERM || errno === EACCES;
    return failure(c, denied ? 'not-permitted' : 'socket-failed', 'socket', errno);
  }
  try {
    return sendOn(c, fd, name, frame, etherType);
  } finally {
    c.close(fd);
  }
}
