// Load monitoring and weights (section 6.7): the load probe's argv, its output's parse, the
// load-based weight formula and [V08]'s slow start.
import { latin1 } from './bytes.js';
import { argvText, type LogLine } from './failure.js';
import { programOutput, type ProgramRun } from './program.js';

/** `none` probes nothing; `rsh`/`ssh` run `uptime` remotely; anything else gets the address only. */
export function loadArgv(command: string, address: string): readonly string[] | undefined {
  if (command === 'none') return undefined;
  return command === 'rsh' || command === 'ssh' ? [command, address, 'uptime'] : [command, address];
}

/**
 * The one-minute load from `uptime` ("load average: 0.15, 0.10, 0.05"), BSD `uptime` ("load
 * averages: 0.15 0.10 0.05"), `rup` ("load average: 0.15, ...") or `ruptime` ("load 0.15,
 * ...").
 *
 * Decision on 16.1 item 8: [V08] looked for "load", then for the next ":" anywhere after it,
 * and read the number two characters later; ruptime prints no ":" after "load", so its output
 * either failed to parse or yielded a number from another field. Here "load" must be a whole
 * word, optionally followed by "average(s)" and ":", then blanks and the number, which must
 * hold a digit and end at a comma, a blank or the end. The value is rounded to a C float, as
 * the original stored it, so the weight formula sees the same number.
 */
export function parseLoadAverage(output: string): number | undefined {
  const found = /\bload(?: averages?)?:?[ \t]*([0-9.]+)(?=[,\s]|$)/.exec(output);
  const number = found?.[1] === undefined ? null : /^(\d+\.?\d*|\.\d+)/.exec(found[1]);
  return number?.[1] === undefined ? undefined : Math.fround(Number(number[1]));
}

export type LoadReading =
  | { readonly ok: true; readonly load: number }
  | { readonly ok: false; readonly lines: readonly LogLine[] };

/** The load from a finished probe run, or the lines the original logged when there was none. */
export function loadFromRun(argv: readonly string[], run: ProgramRun): LoadReading {
  const warn = (message: string): LogLine => ({ level: 'warn', message });
  if (run.kind !== 'exited' || run.code !== 0) {
    const first =
      run.kind === 'timeout'
        ? 'timeout running the following:'
        : 'The following exited abnormally:';
    return {
      ok: false,
      lines: [warn(first), warn(argvText(argv)), warn('failed to read remote load')],
    };
  }
  const output = latin1(programOutput(run.stdout));
  const load = parseLoadAverage(output);
  if (load === undefined)
    return { ok: false, lines: [warn(`bad load average returned: ${output}`)] };
  return { ok: true, load };
}

export interface WeightPolicy {
  /** The configured weight W. */
  readonly weight: number;
  /** The largest multiple of W that load may lift the weight to (-S, default 10). */
  readonly scale: number;
}

/**
 * The weight formula of 6.7, as the original computed it: C's pow(x, 1/3) rather than an
 * exact cube root (the two can differ in the last bit), conversion to int by truncation,
 * bounds W..S*W, and a change only when it is at least W/4. With W = 1 the step is below 1
 * and the weight never moves; that is kept (16.3). Undefined: leave the weight as it is.
 */
export function loadAdjustedWeight(
  policy: WeightPolicy,
  last: number,
  load: number,
): number | undefined {
  const { weight, scale } = policy;
  if (load < 0 || load === 1) return undefined;
  const factor = weight / 2;
  const ceiling = scale * weight;
  let next =
    load < 1
      ? Math.min(Math.trunc(last + factor * Math.pow(1 - load, 1 / 3)), ceiling)
      : Math.max(Math.trunc(last - factor * Math.pow(load - 1, 1 / 3)), weight);
  if (next < weight) next = weight;
  else if (next > ceiling) next = ceiling;
  return Math.abs(next - last) >= Math.fround(weight / 4) ? next : undefined;
}

/**
 * [V08] slow start: a server enters with W/32 (at least 1) and doubles at each load cycle
 * until it reaches W. Decision (anchors B.2): a configured weight of 0 stays 0, where the
 * original raised it to 1 and so sent new connections to a server meant to take none.
 */
export function slowStartWeight(weight: number): number {
  return weight === 0 ? 0 : Math.max(1, Math.floor(weight / 32));
}

/** The next slow-start step, or undefined once the weight has reached W. */
export function slowStartStep(weight: number, last: number): number | undefined {
  return last < weight ? Math.min(Math.max(1, last * 2), weight) : undefined;
}
