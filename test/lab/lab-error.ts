// Failures of the lab itself (as opposed to a script that ran and exited non-zero), with a
// code for the kind and what the guest printed, so a failing test shows why the boot failed.

export type LabErrorCode = 'timeout' | 'no-begin' | 'no-end' | 'bad-script';

export class LabError extends Error {
  constructor(
    readonly code: LabErrorCode,
    message: string,
    /** What the script printed before things went wrong. */
    readonly output = '',
    /** The guest's kernel console (ttyS0), where boot failures show up. */
    readonly console = '',
  ) {
    super(console === '' ? message : `${message}\n--- guest console (tail) ---\n${tail(console)}`);
    this.name = 'LabError';
  }
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
