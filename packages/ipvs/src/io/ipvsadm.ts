// The only place that runs ipvsadm: execa with argv arrays, never a shell.
// Facts from ipvsadm 1.31's source that shape this file:
// - `-R` runs its lines one by one; a line the kernel refuses prints its message on stderr and
//   the next line still runs, but the exit status is that of the LAST line only, and the
//   messages do not say which line failed; a malformed line aborts the rest (exit 2).
//   So a batch counts as done only when it exits 0 with nothing on stderr; otherwise every op
//   is run again on its own (adds of what exists and deletes of what is gone are done, edits
//   are idempotent), which tells exactly which op failed and why.
// - a failed command exits non-zero (255 for kernel refusals, 2 for usage errors).
// - `-R` reads its stdin line by line with fgets, so it works on a batch as it arrives.
import { closeSync, openSync, readSync } from 'node:fs';
import { execa } from 'execa';
import {
  EMPTY_TABLE,
  isAlreadyDone,
  listsServices,
  parseSaveFormat,
  renderBatchChunks,
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
  input?: string | Iterable<string>,
  options: IpvsadmOptions = {},
): Promise<CommandResult> {
  const result = await execa(ipvsadmPath, args, {
    reject: false,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...stdinOf(input),
  });
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  if (!result.failed) return { ok: true, stdout, stderr };
  const kind = failureKind(result.exitCode, result.timedOut, result.isTerminated);
  const shortMessage = typeof result.shortMessage === 'string' ? result.shortMessage : '';
  const message = stderr.trim() !== '' ? stderr.trim() : shortMessage;
  return { ok: false, failure: { kind, args, exitCode: result.exitCode, stderr, message } };
}

function stdinOf(input: string | Iterable<string> | undefined) {
  if (input === undefined) return { stdin: 'ignore' as const };
  return typeof input === 'string' ? { input } : { stdin: input };
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

export interface ReadTableOptions extends IpvsadmOptions {
  /** The kernel's listing, read first to tell an empty table (default /proc/net/ip_vs). */
  readonly kernelListing?: string;
}

/** `ipvsadm -Sn`, parsed; an empty table is told from the kernel's listing without it. */
export async function readTable(
  ipvsadmPath: string,
  options: ReadTableOptions = {},
): Promise<ReadTableResult> {
  if (kernelListsNoService(options.kernelListing ?? '/proc/net/ip_vs')) {
    return { ok: true, table: EMPTY_TABLE };
  }
  const run = await runIpvsadm(ipvsadmPath, ['-Sn'], undefined, options);
  if (!run.ok) return run;
  const parsed = parseSaveFormat(run.stdout);
  return parsed.ok ? parsed : { ok: false, parseErrors: parsed.errors };
}

/** Enough of the listing to hold its header and a first service; no more is read. */
const LISTING_HEAD_BYTES = 4096;

/** True only when the listing was read and names no service (no IPVS module: no listing). */
function kernelListsNoService(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(LISTING_HEAD_BYTES);
    const length = readSync(fd, head, 0, LISTING_HEAD_BYTES, 0);
    return length < LISTING_HEAD_BYTES && listsServices(head.toString('utf8', 0, length)) === false;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
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

/** How much of a batch is rendered before it is handed to ipvsadm. */
const BATCH_CHUNK_BYTES = 16 * 1024;

/**
 * All ops in one `ipvsadm -R`, fed as they are worked out (`ops` may be lazy, as diffOps is);
 * falls back to one run per op when the batch reports anything. Runs nothing for no ops.
 */
export async function applyBatch(
  ipvsadmPath: string,
  ops: Iterable<IpvsOp>,
  options: IpvsadmOptions = {},
): Promise<BatchResult> {
  const pending = ops[Symbol.iterator]();
  const first = pending.next();
  if (first.done === true) return { ok: true, mode: 'batch', results: [] };
  // ipvsadm starts on the first op; the rest is rendered while it starts and works.
  const taken: IpvsOp[] = [];
  const rest = withFirst(first.value, unclosable(pending));
  const chunks = renderBatchChunks(recorded(rest, taken), BATCH_CHUNK_BYTES);
  const run = await runIpvsadm(ipvsadmPath, ['-R'], unclosable(chunks), options);
  const unsent = drain(chunks);
  if (run.ok && run.stderr.trim() === '' && !unsent) {
    return {
      ok: true,
      mode: 'batch',
      results: taken.map((op) => ({ ok: true, op, outcome: 'done' })),
    };
  }
  const results: OpResult[] = [];
  for (const op of taken) results.push(await runOp(ipvsadmPath, op, options));
  return results.every((r) => r.ok)
    ? { ok: true, mode: 'per-op', results }
    : { ok: false, mode: 'per-op', results };
}

function* recorded<T>(items: Iterable<T>, into: T[]): Generator<T> {
  for (const item of items) {
    into.push(item);
    yield item;
  }
}

/**
 * `items` without a `return`: a consumer that stops early (ipvsadm exiting before the end of
 * its stdin) cannot close them, so what it did not take can still be taken afterwards.
 */
function unclosable<T>(items: Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: () => ({ next: () => items.next() }) };
}

function* withFirst<T>(first: T, rest: Iterable<T>): Generator<T> {
  yield first;
  yield* rest;
}

/** Takes what is left of `items`; whether anything was. */
function drain(items: Iterator<unknown>): boolean {
  let left = false;
  while (items.next().done !== true) left = true;
  return left;
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
