// Socket errors in the words the original logged (strerror), with errno numbers.
import { constants } from 'node:os';

const STRERROR: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Connection timed out',
  EPIPE: 'Broken pipe',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EACCES: 'Permission denied',
};

export interface SystemError {
  readonly errno: number;
  readonly text: string;
}

export function systemError(error: Error): SystemError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const errno = (constants.errno as Readonly<Record<string, number>>)[code] ?? 0;
  return { errno, text: STRERROR[code] ?? error.message };
}
