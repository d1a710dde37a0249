// The only place that runs ipvsadm: execa with argv arrays, never a shell.
// Facts from ipvsadm 1.31's source that shape this file:
// - `-R` runs its lines one by one; a line the kernel refuses prints its message on stderr and
//   the next line still runs, but the exit status is that of the LAST line only, and the
//   messages do not say which line failed; a malformed line aborts the rest (exit 2).
//   So a batch counts as done only when it exits 0 with nothing on stderr; otherwise every op
//   is run again on its own (adds of what exists and deletes of what is gone are done, edits
//   are idempotent), which tells exactly which op failed and why.
// - a failed command exits non-zero (255 for kernel refusals, 2 for usage errors).
import { execa } from 'execa';
import {
  isAlreadyDone,
  parseSaveFormat,
  renderBatch,
  renderOp,
  setTimeoutsArgs,
  type IpvsOp,
  type IpvsTable,
  type SaveFormatError,
} from '../index.js';

export interface IpvsadmOptions {
  /** Kill ipvsadm after this long (default 30 s). */
  readonly timeoutMs?: number;
}

export type IpvsadmFailureKind = 'spawn-failed' | 'timed-out' | 'killed' | 'exit-status';

/** A run of ipvsadm that did not succeed. */
export interface IpvsadmFailure {
  readonly kind: IpvsadmFailureKind;
  readonly args: readonly string[];
  /** undefined when ipvsadm did not run or was killed. */
  readonly exitCode: number | undefined;
  readonly stderr: string;
  readonly message: string;
}

export type CommandResult =
  | { readonly ok: true; readonly stdout: string; readonly stderr: string }
  | { readonly ok: false; readonly failure: IpvsadmFailure };

export type ReadTableResult =
  | { readonly ok: true; readonly table: IpvsTable }
  | { readonly ok: false; readonly failure: IpvsadmFailure }
  | { readonly ok: false; readonly parseErrors: readonly SaveFormatError[] };

export type OpResult =
  | { readonly ok: true; readonly op: IpvsOp; readonly outcome: 'done' | 'already-done' }
  | { readonly ok: false; readonly op: IpvsOp; readonly failure: IpvsadmFailure };

export type BatchResult =
  | { readonly ok: true; readonly mode: 'batch' | 'per-op'; readonly results: readonly OpResult[] }
  | { readonly ok: false; readonly mode: 'per-op'; readonly results: readonly OpResult[] };

const DEFAULT_TIMEOUT_MS = 30_000;

/** Runs ipvsadm with the given arguments (and stdin) and reports how it went. */
export async function runIpvsadm(
  ipvsadmPath: string,
  args: readonly string[],
  input?: string,
  options: IpvsadmOptions = {},
): Promise<CommandResult> {
  const result = await execa(ipvsadmPath, args, {
    reject: false,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
  });
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  if (!result.failed) return { ok: true, stdout, stderr };
  const kind = failureKind(result.exitCode, result.timedOut, result.isTerminated);
  const shortMessage = typeof result.shortMessage === 'string' ? result.shortMessage : '';
  const message = stderr.trim() !== '' ? stderr.trim() : shortMessage;
  return { ok: false, failure: { kind, args, exitCode: result.exitCode, stderr, message } };
}

function failureKind(
  exitCode: number | undefined,
  timedOut: boolean,
  terminated: boolean,
): IpvsadmFailureKind {
  if (timedOut) return 'timed-out';
  if (terminated) return 'killed';
  return exitCode === undefined ? 'spawn-failed' : 'exit-status';
}

/** `ipvsadm -Sn`, parsed. */
export async function readTable(
  ipvsadmPath: string,
  options: IpvsadmOptions = {},
): Promise<ReadTableResult> {
  const run = await runIpvsadm(ipvsadmPath, ['-Sn'], undefined, options);
  if (!run.ok) return run;
  const parsed = parseSaveFormat(run.stdout);
  return parsed.ok ? parsed : { ok: false, parseErrors: parsed.errors };
}

/** One op as one ipvsadm run; "already exists" on add and "not found" on delete are done. */
export async function runOp(
  ipvsadmPath: string,
  op: IpvsOp,
  options: IpvsadmOptions = {},
): Promise<OpResult> {
  const run = await runIpvsadm(ipvsadmPath, renderOp(op), undefined, options);
  if (run.ok) return { ok: true, op, outcome: 'done' };
  const { failure } = run;
  if (failure.kind === 'exit-status' && isAlreadyDone(op.kind, failure.stderr)) {
    return { ok: true, op, outcome: 'already-done' };
  }
  return { ok: false, op, failure };
}

/** All ops in one `ipvsadm -R`; falls back to one run per op when the batch reports anything. */
export async function applyBatch(
  ipvsadmPath: string,
  ops: readonly IpvsOp[],
  options: IpvsadmOptions = {},
): Promise<BatchResult> {
  if (ops.length === 0) return { ok: true, mode: 'batch', results: [] };
  const run = await runIpvsadm(ipvsadmPath, ['-R'], renderBatch(ops), options);
  if (run.ok && run.stderr.trim() === '') {
    return {
      ok: true,
      mode: 'batch',
      results: ops.map((op) => ({ ok: true, op, outcome: 'done' })),
    };
  }
  const results: OpResult[] = [];
  for (const op of ops) results.push(await runOp(ipvsadmPath, op, options));
  return results.every((r) => r.ok)
    ? { ok: true, mode: 'per-op', results }
    : { ok: false, mode: 'per-op', results };
}

/** `ipvsadm --set TCP TCPFIN UDP`. */
export async function setTimeouts(
  ipvsadmPath: string,
  tcp: number,
  tcpfin: number,
  udp: number,
  options: IpvsadmOptions = {},
): Promise<CommandResult> {
  return runIpvsadm(ipvsadmPath, setTimeoutsArgs(tcp, tcpfin, udp), undefined, options);
}
