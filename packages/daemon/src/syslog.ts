// syslog(3) through libc, as the original daemons log: openlog(ident, LOG_PID, LOG_DAEMON).
// Node has no Unix datagram sockets, and calling libc keeps the system's own /dev/log logic.
import koffi from 'koffi';

const LOG_PID = 0x01;
const LOG_DAEMON = 3 << 3;

export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_INFO = 6;
export const LOG_DEBUG = 7;

interface Libc {
  openlog(ident: Buffer, option: number, facility: number): void;
  syslog(priority: number, format: string, type: string, message: string): void;
}

let libc: Libc | undefined;
/** openlog keeps the ident pointer, so its buffer must live as long as the process. */
let identBuffer: Buffer | undefined;

function load(): Libc {
  if (libc !== undefined) return libc;
  const lib = koffi.load('libc.so.6');
  libc = {
    openlog: lib.func('void openlog(const uint8_t *ident, int option, int facility)'),
    syslog: lib.func('void syslog(int priority, const char *format, ...)'),
  } as Libc;
  return libc;
}

export function openSyslog(ident: string): void {
  identBuffer = Buffer.from(`${ident}\0`, 'utf8');
  load().openlog(identBuffer, LOG_PID, LOG_DAEMON);
}

export function writeSyslog(priority: number, message: string): void {
  load().syslog(priority, '%s', 'const char *', message);
}
