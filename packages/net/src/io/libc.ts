// The libc calls the packet and netlink sockets need, bound once through koffi: Node has
// neither kind of socket.
import koffi from 'koffi';

export interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  if_nametoindex(name: string): number;
  sendto(
    fd: number,
    buf: Uint8Array,
    len: number,
    flags: number,
    to: Uint8Array,
    tolen: number,
  ): number;
  recv(fd: number, buf: Uint8Array, len: number, flags: number): number;
  setsockopt(fd: number, level: number, name: number, value: Uint8Array, length: number): number;
  close(fd: number): number;
  strerror(errnum: number): string;
}

let libc: Libc | undefined;

export function loadLibc(): Libc {
  if (libc !== undefined) return libc;
  const lib = koffi.load('libc.so.6');
  libc = {
    socket: lib.func('int socket(int domain, int type, int protocol)'),
    if_nametoindex: lib.func('unsigned int if_nametoindex(const char *ifname)'),
    sendto: lib.func(
      'intptr_t sendto(int fd, const uint8_t *buf, size_t len, int flags, const uint8_t *to, uint32_t tolen)',
    ),
    recv: lib.func('intptr_t recv(int fd, _Out_ uint8_t *buf, size_t len, int flags)'),
    setsockopt: lib.func(
      'int setsockopt(int fd, int level, int name, const uint8_t *value, uint32_t length)',
    ),
    close: lib.func('int close(int fd)'),
    strerror: lib.func('const char *strerror(int errnum)'),
  } as Libc;
  return libc;
}

/** errno of the libc call that just failed. */
export const lastErrno = (): number => koffi.errno();
