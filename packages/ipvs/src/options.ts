// The ipvsadm options that can appear in `ipvsadm -Sn` output (and in -R files), split from
// their values. Facts from ipvsadm 1.31's option table:
// - `-p` takes an optional timeout (default 300 s); the save format always prints it.
// - `-m`, `-g`, `-i` are one "forwarding method" option: giving two is an error.
// - `-t`, `-u`, `--sctp-service`, `-f` all set the one "service" option.
// - `-6` only qualifies a preceding `-f` (an IPv6 firewall-mark service).
// - the save format prints short options, plus the long-only `--sctp-service`, `--pe` and `--tun-*`.

export type SaveCommand = '-A' | '-a';

type Arity = 'flag' | 'value' | 'optional-number';

interface OptionSpec {
  /** Options sharing a slot exclude each other. */
  readonly slot: string;
  readonly arity: Arity;
  readonly commands: readonly SaveCommand[];
}

const SERVICE: readonly SaveCommand[] = ['-A'];
const DEST: readonly SaveCommand[] = ['-a'];
const BOTH: readonly SaveCommand[] = ['-A', '-a'];

const OPTION_SPECS: ReadonlyMap<string, OptionSpec> = new Map<string, OptionSpec>([
  ['-t', { slot: 'service', arity: 'value', commands: BOTH }],
  ['-u', { slot: 'service', arity: 'value', commands: BOTH }],
  ['--sctp-service', { slot: 'service', arity: 'value', commands: BOTH }],
  ['-f', { slot: 'service', arity: 'value', commands: BOTH }],
  ['-6', { slot: 'ipv6', arity: 'flag', commands: BOTH }],
  ['-s', { slot: 'scheduler', arity: 'value', commands: SERVICE }],
  ['-p', { slot: 'persistent', arity: 'optional-number', commands: SERVICE }],
  ['-M', { slot: 'netmask', arity: 'value', commands: SERVICE }],
  ['--pe', { slot: 'pe', arity: 'value', commands: SERVICE }],
  ['-o', { slot: 'ops', arity: 'flag', commands: SERVICE }],
  ['-b', { slot: 'sched-flags', arity: 'value', commands: SERVICE }],
  ['-r', { slot: 'real-server', arity: 'value', commands: DEST }],
  ['-m', { slot: 'forwarding', arity: 'flag', commands: DEST }],
  ['-g', { slot: 'forwarding', arity: 'flag', commands: DEST }],
  ['-i', { slot: 'forwarding', arity: 'flag', commands: DEST }],
  ['-w', { slot: 'weight', arity: 'value', commands: DEST }],
  ['-x', { slot: 'u-threshold', arity: 'value', commands: DEST }],
  ['-y', { slot: 'l-threshold', arity: 'value', commands: DEST }],
  ['--tun-type', { slot: 'tun-type', arity: 'value', commands: DEST }],
  ['--tun-port', { slot: 'tun-port', arity: 'value', commands: DEST }],
  ['--tun-nocsum', { slot: 'tun-checksum', arity: 'flag', commands: DEST }],
  ['--tun-csum', { slot: 'tun-checksum', arity: 'flag', commands: DEST }],
  ['--tun-remcsum', { slot: 'tun-checksum', arity: 'flag', commands: DEST }],
]);

/** Long spellings ipvsadm also accepts, mapped to the short ones used above. */
const LONG_ALIASES: Readonly<Record<string, string>> = {
  '--tcp-service': '-t',
  '--udp-service': '-u',
  '--fwmark-service': '-f',
  '--ipv6': '-6',
  '--scheduler': '-s',
  '--persistent': '-p',
  '--netmask': '-M',
  '--ops': '-o',
  '--sched-flags': '-b',
  '--real-server': '-r',
  '--masquerading': '-m',
  '--gatewaying': '-g',
  '--ipip': '-i',
  '--weight': '-w',
  '--u-threshold': '-x',
  '--l-threshold': '-y',
};

const COMMAND_ALIASES: Readonly<Record<string, SaveCommand>> = {
  '-A': '-A',
  '--add-service': '-A',
  '-a': '-a',
  '--add-server': '-a',
};

export interface GivenOption {
  /** Short spelling, e.g. `-g` for `--gatewaying`. */
  readonly name: string;
  readonly value: string | undefined;
}

/** Options of one line, by slot. */
export type GivenOptions = ReadonlyMap<string, GivenOption>;

export type OptionProblem =
  'unknown-command' | 'unknown-option' | 'missing-value' | 'repeated-option';

export type SplitLineResult =
  | { readonly ok: true; readonly command: SaveCommand; readonly options: GivenOptions }
  | { readonly ok: false; readonly code: OptionProblem; readonly message: string };

function problem(code: OptionProblem, message: string): SplitLineResult {
  return { ok: false, code, message };
}

/** Splits one save-format line (already tokenised) into its command and options. */
export function splitLine(tokens: readonly string[]): SplitLineResult {
  const command = COMMAND_ALIASES[tokens[0] ?? ''];
  if (command === undefined) {
    return problem('unknown-command', `expected -A or -a, got "${tokens[0] ?? ''}"`);
  }
  const options = new Map<string, GivenOption>();
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const name = LONG_ALIASES[token] ?? token;
    const spec = OPTION_SPECS.get(name);
    if (spec === undefined || !spec.commands.includes(command)) {
      return problem('unknown-option', `unexpected "${token}" in a ${command} line`);
    }
    if (options.has(spec.slot)) {
      return problem('repeated-option', `more than one ${spec.slot} option ("${token}")`);
    }
    const next = tokens[i + 1];
    let value: string | undefined;
    if (spec.arity === 'value') {
      if (next === undefined) return problem('missing-value', `"${token}" needs a value`);
      value = next;
      i++;
    } else if (spec.arity === 'optional-number' && next !== undefined && /^[0-9]+$/.test(next)) {
      value = next;
      i++;
    }
    options.set(spec.slot, { name, value });
  }
  return { ok: true, command, options };
}
