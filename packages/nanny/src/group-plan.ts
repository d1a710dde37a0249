// Group mode's pure decisions: which monitors an `assign` keeps, stops and starts, and how a
// monitor's report reads on the wire.
import type { LogLine, Report, ReportCause } from '@piranha-ts/checks';
import type { MonitorAssignment, MonitorReport } from '@piranha-ts/protocol';

export interface AssignPlan {
  /** Running monitors whose id and argv are unchanged: they keep their state. */
  readonly keep: readonly string[];
  readonly stop: readonly string[];
  readonly start: readonly MonitorAssignment[];
  /** Ids given more than once; only the first is run. */
  readonly duplicates: readonly string[];
}

/** A monitor's identity beyond its id: the exact argv. */
export function argvKey(argv: readonly string[]): string {
  return JSON.stringify(argv);
}

export function planAssign(
  running: ReadonlyMap<string, string>,
  monitors: readonly MonitorAssignment[],
): AssignPlan {
  const wanted = new Map<string, MonitorAssignment>();
  const duplicates: string[] = [];
  for (const monitor of monitors) {
    if (wanted.has(monitor.id)) duplicates.push(monitor.id);
    else wanted.set(monitor.id, monitor);
  }
  const keep: string[] = [];
  const stop: string[] = [];
  for (const [id, key] of running) {
    const next = wanted.get(id);
    if (next !== undefined && argvKey(next.argv) === key) keep.push(id);
    else stop.push(id);
  }
  const start = [...wanted.values()].filter((m) => !keep.includes(m.id));
  return { keep, stop, start, duplicates };
}

/** Why the state is what it is: the first warning of the step, else its last line. */
function reason(lines: readonly LogLine[], cause: ReportCause): string {
  const warning = lines.find((l) => l.level === 'warn' || l.level === 'error');
  const plain = lines.filter((l) => l.level === 'info').at(-1);
  return (warning ?? plain ?? lines.at(-1))?.message ?? cause;
}

/**
 * `weight` is the weight the entry should have (slow start, load, 0 for a quiesced entry that
 * stays in the table); null when the server should leave the table.
 */
export function wireReport(
  id: string,
  report: Report,
  inService: boolean,
  lines: readonly LogLine[],
  cause: ReportCause,
): MonitorReport {
  const why = reason(lines, cause);
  switch (report.status) {
    case 'up':
      return { id, state: 'up', weight: report.weight, reason: why };
    case 'down':
      return { id, state: 'down', weight: null, reason: why };
    case 'weight':
      return { id, state: inService ? 'up' : 'down', weight: report.weight, reason: why };
  }
}

export function sameReport(a: MonitorReport | undefined, b: MonitorReport): boolean {
  return a !== undefined && a.state === b.state && a.weight === b.weight;
}
