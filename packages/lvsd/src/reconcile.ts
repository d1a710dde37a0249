// Brings the kernel table to the desired one: read `ipvsadm -Sn`, diff, apply the difference
// in one batch, read again and verify. Entries that already match are never touched.
import type { Logger } from '@piranha-ts/daemon';
import {
  diffOps,
  diffTables,
  opServiceKey,
  renderOp,
  serviceKeyString,
  type IpvsOp,
  type IpvsTable,
} from '@piranha-ts/ipvs';
import { applyBatch, readTable, runIpvsadm, type ReadTableResult } from '@piranha-ts/ipvs/io';
import type { ReconcileReason } from './step.js';

export interface ReconcileReport {
  /** Ops applied (0 when the kernel already matched). */
  readonly applied: number;
  readonly failed: number;
  readonly inSync: boolean;
}

function describeReadFailure(result: Exclude<ReadTableResult, { ok: true }>): string {
  if ('failure' in result) return `ipvsadm -Sn failed: ${result.failure.message}`;
  return `cannot read the IPVS table: ${result.parseErrors.map((e) => e.message).join('; ')}`;
}

async function readOrLog(ipvsadm: string, logger: Logger): Promise<IpvsTable | undefined> {
  const read = await readTable(ipvsadm);
  if (read.ok) return read.table;
  logger.error(describeReadFailure(read));
  return undefined;
}

const ms = (value: number): string => value.toFixed(0);

/** Enough lines to follow a change by eye; a table built from empty would be thousands. */
const LOGGED_OPS = 50;

function logOps(ops: readonly IpvsOp[], logger: Logger): void {
  for (const op of ops.slice(0, LOGGED_OPS)) logger.debug(`ipvsadm ${renderOp(op).join(' ')}`);
  if (ops.length > LOGGED_OPS)
    logger.debug(`... and ${ops.length - LOGGED_OPS} more ipvsadm changes`);
}

interface Applied {
  readonly applied: number;
  readonly failed: number;
  /** The one batch went through without a word from ipvsadm. */
  readonly clean: boolean;
}

/** Applies `ops` in one batch; returns how many there were and how many failed (logged). */
async function applyDifference(
  ipvsadm: string,
  ops: Iterable<IpvsOp>,
  logger: Logger,
): Promise<Applied> {
  const result = await applyBatch(ipvsadm, ops);
  logOps(
    result.results.map((r) => r.op),
    logger,
  );
  const failures = result.results.filter((r) => !r.ok);
  for (const r of failures) {
    if (!r.ok)
      logger.error(
        `ipvsadm failed for ${serviceKeyString(opServiceKey(r.op))}: ipvsadm ${r.failure.args.join(' ')}: ${r.failure.message}`,
      );
  }
  return {
    applied: result.results.length - failures.length,
    failed: failures.length,
    clean: result.mode === 'batch',
  };
}

/**
 * A health change, applied from the table lvsd itself last put in the kernel, without reading
 * the kernel: lvsd is the table's single writer, and the periodic reconcile repairs what other
 * hands change. Not in sync when ipvsadm said anything: the caller then reconciles in full.
 */
export async function applyChange(
  ipvsadm: string,
  from: IpvsTable,
  to: IpvsTable,
  logger: Logger,
): Promise<ReconcileReport> {
  const began = performance.now();
  const { applied, failed, clean } = await applyDifference(ipvsadm, diffOps(from, to), logger);
  if (applied + failed > 0)
    logger.debug(
      `applied ${applied} of ${applied + failed} IPVS changes in ${ms(performance.now() - began)} ms (from the table last applied)`,
    );
  return { applied, failed, inSync: clean && failed === 0 };
}

export async function reconcile(
  ipvsadm: string,
  desired: IpvsTable,
  reason: ReconcileReason,
  logger: Logger,
): Promise<ReconcileReport> {
  const began = performance.now();
  const actual = await readOrLog(ipvsadm, logger);
  if (actual === undefined) return { applied: 0, failed: 0, inSync: false };
  const read = performance.now();
  // A repair is small, and said before it is made; other ops are worked out while ipvsadm
  // applies the first ones (a table built from empty is thousands).
  const repairs = reason === 'tick' ? diffTables(actual, desired) : undefined;
  if (repairs !== undefined && repairs.length > 0)
    logger.warn(
      `IPVS table differs from the configuration; repairing ${repairs.length} entr${repairs.length === 1 ? 'y' : 'ies'}`,
    );
  const ops = repairs ?? diffOps(actual, desired);
  const { applied, failed } = await applyDifference(ipvsadm, ops, logger);
  if (applied + failed === 0) {
    logger.debug('IPVS table matches the configuration');
    return { applied: 0, failed: 0, inSync: true };
  }
  const done = performance.now();
  const after = await readOrLog(ipvsadm, logger);
  const remaining = after === undefined ? applied + failed : diffTables(after, desired).length;
  // Operators (and bench/ipvs-programming) read the cost of a change from this line.
  logger.debug(
    `applied ${applied} of ${applied + failed} IPVS changes in ${ms(done - began)} ms (table read in ${ms(read - began)} ms), verified in ${ms(performance.now() - done)} ms`,
  );
  if (remaining > 0)
    logger.error(
      `IPVS table still differs from the configuration in ${remaining} entries; retrying later`,
    );
  return { applied, failed, inSync: remaining === 0 };
}

/**
 * Removes the services lvsd manages (and their destinations), leaving anything else alone:
 * one read and one batch, without the verifying read, as lvsd is on its way out.
 */
export async function removeServices(
  ipvsadm: string,
  managed: IpvsTable,
  logger: Logger,
): Promise<void> {
  const actual = await readOrLog(ipvsadm, logger);
  if (actual === undefined) return;
  const ours = new Set(managed.services.map((s) => serviceKeyString(s.key)));
  const remaining = { services: actual.services.filter((s) => !ours.has(serviceKeyString(s.key))) };
  const ops = diffTables(actual, remaining);
  if (ops.length > 0) await applyDifference(ipvsadm, ops, logger);
}

export async function runSimple(
  ipvsadm: string,
  args: readonly string[],
  logger: Logger,
): Promise<void> {
  const run = await runIpvsadm(ipvsadm, args);
  if (!run.ok) logger.error(`ipvsadm ${args.join(' ')} failed: ${run.failure.message}`);
}
