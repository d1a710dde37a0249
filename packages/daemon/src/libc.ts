// The libc calls the daemons make through koffi (syslog, real-time scheduling), bound once.
import koffi from 'koffi';

export interface Libc {
  openlog(ident: Buffer, option: number, facility: number): void;
  syslog(priority: number, format: string, type: string, message: string): void;
  sched_setscheduler(pid: number, policy: number, param: Int32Array): number;
  strerror(errnum: number): string;
}

let libc: Libc | undefined;

export function loadLibc(): Libc {
  if (libc !== undefined) return libc;
  const lib = koffi.load('libc.so.6');
  libc = {
    openlog: lib.func('void openlog(const uint8_t *ident, int option, int facility)'),
    syslog: lib.func('void syslog(int priority, const char *format, ...)'),
    sched_setscheduler: lib.func(
      'int sched_setscheduler(int pid, int policy, const int32_t *param)',
    ),
    strerror: lib.func('const char *strerror(int errnum)'),
  } as Libc;
  return libc;
}

/** errno of the libc call that just failed. */
export const lastErrno = (): number => koffi.errno();
