// Why a check failed, and the line nanny logs for it (section 15, verbatim where the original
// had one). Probes return these; the monitor logs them.

export interface Target {
  /** The real server's address as given on the command line. */
  readonly address: string;
  /** The port probed (the real port, `-r`). */
  readonly port: number;
}

export type CheckFailure =
  /** The ICMP echo nanny sends first could not be sent (no route). */
  | { readonly reason: 'icmp-send'; readonly error: string }
  | { readonly reason: 'connect-timeout' }
  | { readonly reason: 'connect-error'; readonly error: string }
  | { readonly reason: 'write-error'; readonly error: string }
  | { readonly reason: 'read-timeout' }
  | { readonly reason: 'read-error'; readonly errno: number; readonly error: string }
  | { readonly reason: 'too-short'; readonly got: number; readonly want: number }
  | { readonly reason: 'mismatch' }
  | { readonly reason: 'bad-regex'; readonly message: string }
  | { readonly reason: 'program-timeout'; readonly argv: readonly string[] }
  | { readonly reason: 'program-failed'; readonly argv: readonly string[]; readonly how: string }
  | { readonly reason: 'program-output' }
  /** The probe did not report by its deadline (plus grace): the monitor gave up on it. */
  | { readonly reason: 'no-result'; readonly afterMs: number };

export type CheckOutcome =
  { readonly ok: true } | { readonly ok: false; readonly failure: CheckFailure };

export const PASSED: CheckOutcome = { ok: true };

export const failed = (failure: CheckFailure): CheckOutcome => ({ ok: false, failure });

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
}

/** The original's logArgv text ([V05]; [V08] computed it but printed nothing). */
export function argvText(argv: readonly string[]): string {
  return `running command ${argv.map((arg) => ` "${arg}"`).join('')}`;
}

/** The lines the original logs for a failure; debug lines were printed only with -v. */
export function failureLines(failure: CheckFailure, target: Target): readonly LogLine[] {
  const at = `${target.address}:${target.port}`;
  const warn = (message: string): LogLine => ({ level: 'warn', message });
  switch (failure.reason) {
    case 'icmp-send':
      return [
        { level: 'debug', message: `ICMP echo to ${target.address} failed: ${failure.error}` },
      ];
    case 'connect-timeout':
      return [warn(`CONNECT to ${at} timed out`)];
    case 'connect-error':
      return [{ level: 'debug', message: `Failed to connect ${at} ping socket: ${failure.error}` }];
    case 'write-error':
      return [warn(`WRITE operation for ${at} returned error: ${failure.error}`)];
    case 'read-timeout':
      return [warn(`READ to ${at} timed out`)];
    case 'read-error':
      return [warn(`READ returned error ${failure.errno}:${failure.error}`)];
    case 'too-short':
      return [warn(`READ from ${at} was too short[${failure.got}>=${failure.want}]`)];
    case 'mismatch':
      // Silent in the original, which left operators guessing why a server went away.
      return [warn(`READ from ${at} did not match the expected reply`)];
    case 'bad-regex':
      return [
        {
          level: 'error',
          message: `Error '${failure.message}' processing expected regular expression`,
        },
      ];
    case 'program-timeout':
      return [warn('timeout running the following:'), warn(argvText(failure.argv))];
    case 'program-failed':
      return [
        warn('The following exited abnormally:'),
        warn(`${argvText(failure.argv)} (${failure.how})`),
      ];
    case 'program-output':
      return [warn(`Trouble. Received results are not what we expected from (${at})`)];
    case 'no-result':
      return [warn(`check of ${at} gave no result within ${failure.afterMs} ms`)];
  }
}
