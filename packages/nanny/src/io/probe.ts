// Runs whatever check the monitor asks for and gives back its outcome.
import { judgeProgram, type CheckOutcome, type CheckSpec } from '@piranha-ts/checks';
import { runProgram } from './program.js';
import { runTcpCheck, runUdpCheck } from './socket-probe.js';

export async function runCheck(
  spec: CheckSpec,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  switch (spec.kind) {
    case 'tcp':
      return runTcpCheck(spec, timeoutMs, signal);
    case 'udp':
      return runUdpCheck(spec, timeoutMs, signal);
    case 'program':
      return judgeProgram(spec.argv, spec.expect, await runProgram(spec.argv, timeoutMs, signal));
  }
}
