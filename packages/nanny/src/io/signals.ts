// nanny's signals (section 6.9) and its log lines through the shared logger.
import type { LogLine } from '@piranha-ts/checks';
import type { Logger } from '@piranha-ts/daemon';

export interface SignalHandlers {
  readonly terminate: (signalNumber: number) => void;
  readonly forceDown: () => void;
  readonly forceUp: () => void;
  readonly resume: () => void;
}

/** Installs the handlers; returns the function that removes them. */
export function onSignals(handlers: SignalHandlers): () => void {
  const table: readonly [NodeJS.Signals, () => void][] = [
    ['SIGTERM', () => handlers.terminate(15)],
    ['SIGINT', () => handlers.terminate(2)],
    ['SIGUSR1', handlers.forceDown],
    ['SIGUSR2', handlers.forceUp],
    ['SIGHUP', handlers.resume],
  ];
  for (const [signal, handler] of table) process.on(signal, handler);
  return () => {
    for (const [signal, handler] of table) process.off(signal, handler);
  };
}

export function logTo(logger: Logger): (line: LogLine) => void {
  return (line) => logger[line.level](line.message);
}
