// Runs whatever check the monitor asks for and hands its outcome to `done`, unless cancelled.
import { judgeProgram, type CheckSpec } from '@piranha-ts/checks';
import { runProgram } from './program.js';
import { runTcpCheck, runUdpCheck, type Cancel, type Done } from './socket-probe.js';

export type { Cancel, Done } from './socket-probe.js';

export function runCheck(spec: CheckSpec, timeoutMs: number, done: Done): Cancel {
  switch (spec.kind) {
    case 'tcp':
      return runTcpCheck(spec, timeoutMs, done);
    case 'udp':
      return runUdpCheck(spec, timeoutMs, done);
    case 'program':
      return cancellable(
        (signal) => runProgram(spec.argv, timeoutMs, signal),
        (run) => done(judgeProgram(spec.argv, spec.expect, run)),
      );
  }
}

/** A promise-returning probe (a child process) behind the same cancel as the socket probes. */
export function cancellable<T>(
  run: (signal: AbortSignal) => Promise<T>,
  done: (result: T) => void,
): Cancel {
  const controller = new AbortController();
  void run(controller.signal).then((result) => {
    if (!controller.signal.aborted) done(result);
  });
  return () => controller.abort();
}
