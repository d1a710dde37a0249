// What a standalone nanny runs (section 6.6): the ipvsadm argv for each report of the monitor,
// for the 0.8 table of actions. The entry is added once, then edited; a quiesced entry stays.
import type { Report } from '@piranha-ts/checks';
import type { IpvsEntry } from './settings.js';

function service(entry: IpvsEntry): readonly string[] {
  if (entry.fwmark !== 0) return ['-f', String(entry.fwmark)];
  return [entry.udp ? '-u' : '-t', `${entry.virtualAddress}:${entry.virtualPort}`];
}

function realServer(entry: IpvsEntry): readonly string[] {
  return ['-r', `${entry.real.address}:${entry.real.port}`];
}

export interface IpvsadmStep {
  /** Arguments after the ipvsadm path; undefined when nothing needs running. */
  readonly args: readonly string[] | undefined;
  /** Whether the entry is in the table afterwards. */
  readonly entryExists: boolean;
}

/** `entryExists`: the entry was created earlier and not deleted since (quiesce keeps it). */
export function ipvsadmStep(entry: IpvsEntry, report: Report, entryExists: boolean): IpvsadmStep {
  const weighted = (op: string, weight: number): readonly string[] => [
    op,
    ...service(entry),
    ...realServer(entry),
    entry.method,
    '-w',
    String(weight),
  ];
  switch (report.status) {
    case 'up':
      return { args: weighted(entryExists ? '-e' : '-a', report.weight), entryExists: true };
    case 'weight':
      // A weight change for an entry not in the table (only possible if the table was changed
      // by hand) would fail with -e; there is nothing to edit.
      if (!entryExists) return { args: undefined, entryExists };
      return { args: weighted('-e', report.weight), entryExists: true };
    case 'down':
      if (!entryExists) return { args: undefined, entryExists };
      return { args: ['-d', ...service(entry), ...realServer(entry)], entryExists: false };
  }
}
