// Brings the kernel table to the desired one: read `ipvsadm -Sn`, diff, apply the difference
// in one batch, read again and verify. Entries that already match are never touched.
import type { Logger } from '@piranha-ts/daemon';
import {
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

/** Applies what turns `actual` into `desired` in one batch; failures are logged. */
async function applyDifference(
  ipvsadm: string,
  ops: readonly IpvsOp[],
  logger: Logger,
): Promise<number> {
  logOps(ops, logger);
  const result = await applyBatch(ipvsadm, ops);
  const failures = result.results.filter((r) => !r.ok);
  for (const r of failures) {
    if (!r.ok)
      logger.error(
        `ipvsadm failed for ${serviceKeyString(opServiceKey(r.op))}: ipvsadm ${r.failure.args.join(' ')}: ${r.failure.message}`,
      );
  }
  return failures.length;
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
  const ops = diffTables(actual, desired);
  if (ops.length === 0) {
    logger.debug('IPVS table matches the configuration');
    return { applied: 0, failed: 0, inSync: true };
  }
  if (reason === 'tick')
    logger.warn(
      `IPVS table differs from the configuration; repairing ${ops.length} entr${ops.length === 1 ? 'y' : 'ies'}`,
    );
  const failed = await applyDifference(ipvsadm, ops, logger);
  const applied = performance.now();
  const after = await readOrLog(ipvsadm, logger);
  const remaining = after === undefined ? ops : diffTables(after, desired);
  // Operators (and bench/ipvs-programming) read the cost of a change from this line.
  logger.debug(
    `applied ${ops.length - failed} of ${ops.length} IPVS changes in ${ms(applied - began)} ms (table read in ${ms(read - began)} ms), verified in ${ms(performance.now() - applied)} ms`,
  );
  if (remaining.length > 0)
    logger.error(
      `IPVS table still differs from the configuration in ${remaining.length} entries; retrying later`,
    );
  return { applied: ops.length - failed, failed, inSync: remaining.length === 0 };
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
