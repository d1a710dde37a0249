// IPv4 addresses added, removed and listed over an rtnetlink socket (libc through koffi), the
// requests `ip addr` sends: a takeover moves its addresses without starting a process. The
// kernel answers an address request while it handles the send, so the blocking receive that
// follows returns at once; SO_RCVTIMEO bounds it all the same.
import {
  NETLINK_ROUTE,
  NLMSG_DONE,
  NLMSG_ERROR,
  decodeAddress,
  decodeMessages,
  encodeAddressChange,
  encodeAddressDump,
  errorCode,
  type AddressChange,
  type NetlinkAddress,
  type NetlinkMessage,
} from '../netlink.js';
import { lastErrno, loadLibc, type Libc } from './libc.js';

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_RCVTIMEO = 20;
const RECEIVE_TIMEOUT_S = 2;
const RECEIVE_BUFFER = 64 * 1024;
export const EEXIST = 17;
export const EADDRNOTAVAIL = 99;

export type NetlinkResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errno: number; readonly message: string };

let sequence = 1;

function failed<T>(c: Libc, call: string, errno: number): NetlinkResult<T> {
  return { ok: false, errno, message: `${call}: ${c.strerror(errno)}` };
}

/** The kernel as the destination: sockaddr_nl with pid 0. */
function kernelAddress(): Uint8Array {
  const addr = new Uint8Array(12);
  new DataView(addr.buffer).setUint16(0, AF_NETLINK, true);
  return addr;
}

function receiveTimeout(): Uint8Array {
  const timeval = new Uint8Array(16);
  new DataView(timeval.buffer).setBigInt64(0, BigInt(RECEIVE_TIMEOUT_S), true);
  return timeval;
}

/**
 * Sends one request and collects the messages answering it (matched by sequence number) until
 * `last` says the answer is complete.
 */
function exchange(
  request: (seq: number) => Uint8Array,
  last: (msg: NetlinkMessage) => boolean,
): NetlinkResult<NetlinkMessage[]> {
  const c = loadLibc();
  const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) return failed(c, 'socket', lastErrno());
  try {
    const timeout = receiveTimeout();
    c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
    const seq = sequence++;
    const bytes = request(seq);
    const to = kernelAddress();
    if (Number(c.sendto(fd, bytes, bytes.length, 0, to, to.length)) < 0) {
      return failed(c, 'sendto', lastErrno());
    }
    const answer: NetlinkMessage[] = [];
    const buffer = new Uint8Array(RECEIVE_BUFFER);
    for (;;) {
      const got = Number(c.recv(fd, buffer, buffer.length, 0));
      if (got < 0) return failed(c, 'recv', lastErrno());
      // A copy: the messages outlive the buffer's next receive.
      for (const msg of decodeMessages(buffer.slice(0, got))) {
        if (msg.seq !== seq) continue;
        answer.push(msg);
        if (last(msg)) return { ok: true, value: answer };
      }
    }
  } finally {
    c.close(fd);
  }
}

/** `ip addr add` / `ip addr del`; a refusal carries the kernel's errno (EEXIST, EADDRNOTAVAIL). */
export function changeAddress(change: AddressChange): NetlinkResult<void> {
  const answer = exchange(
    (seq) => encodeAddressChange(change, seq),
    (msg) => msg.type === NLMSG_ERROR,
  );
  if (!answer.ok) return answer;
  const errno = errorCode(answer.value[answer.value.length - 1] as NetlinkMessage);
  if (errno !== 0) return failed(loadLibc(), change.kind === 'add' ? 'add' : 'delete', errno);
  return { ok: true, value: undefined };
}

/** Every IPv4 address on this router's interfaces (`ip -4 addr show`). */
export function listAddresses(): NetlinkResult<NetlinkAddress[]> {
  const answer = exchange(
    encodeAddressDump,
    (m) => m.type === NLMSG_DONE || m.type === NLMSG_ERROR,
  );
  if (!answer.ok) return answer;
  const end = answer.value[answer.value.length - 1] as NetlinkMessage;
  if (end.type === NLMSG_ERROR && errorCode(end) !== 0) {
    return failed(loadLibc(), 'dump', errorCode(end));
  }
  return { ok: true, value: answer.value.flatMap((m) => decodeAddress(m) ?? []) };
}

/** The interface's index, or undefined when there is no such interface. */
export function interfaceIndex(name: string): number | undefined {
  const index = loadLibc().if_nametoindex(name);
  return index === 0 ? undefined : index;
}
