// syslog(3) through libc, as the original daemons log: openlog(ident, LOG_PID, LOG_DAEMON).
// Node has no Unix datagram sockets, and calling libc keeps the system's own /dev/log logic.
import { loadLibc } from './libc.js';

const LOG_PID = 0x01;
const LOG_DAEMON = 3 << 3;

export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_INFO = 6;
export const LOG_DEBUG = 7;

/** openlog keeps the ident pointer, so its buffer must live as long as the process. */
let identBuffer: Buffer | undefined;

export function openSyslog(ident: string): void {
  identBuffer = Buffer.from(`${ident}\0`, 'utf8');
  loadLibc().openlog(identBuffer, LOG_PID, LOG_DAEMON);
}

export function writeSyslog(priority: number, message: string): void {
  loadLibc().syslog(priority, '%s', 'const char *', message);
}
