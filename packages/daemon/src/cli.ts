// Command-line conventions shared by every executable (section 3 of the reference): the
// three-line --version, `<prog>: bad argument ...` and exit 1 on a bad option, and no stack
// trace for a user error.
import { Command, CommanderError } from 'commander';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SUITE_VERSION = '0.9.0';

// Spelled out rather than toLocaleString: loading ICU costs seconds at every start in the lab.
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

function buildDate(): string {
  const built = statSync(fileURLToPath(import.meta.url)).mtime;
  const month = MONTHS[built.getUTCMonth()] ?? '';
  const day = String(built.getUTCDate()).padStart(2, '0');
  return `${day}/${month}/${built.getUTCFullYear()}`;
}

export function versionText(program: string): string {
  return [
    `Program Version:\t${program} ${SUITE_VERSION}`,
    `Built:\t\t\t${buildDate()}`,
    `A component of:\t\tpiranha-ts-${SUITE_VERSION}`,
  ].join('\n');
}

/** A commander program with Piranha's conventions applied. */
export function daemonCommand(program: string, description: string): Command {
  return new Command(program)
    .description(description)
    .helpOption('-?, --help', 'show this help and exit')
    .version(versionText(program), '--version', 'print the version and exit')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
}

/** A whole-number option's value, or the original-style complaint about it. */
export function wholeNumberArgument(
  raw: unknown,
  flag: string,
  least: number,
  most = Number.MAX_SAFE_INTEGER,
): number | string {
  const value = Number(raw);
  if (Number.isInteger(value) && value >= least && value <= most) return value;
  const range = most === Number.MAX_SAFE_INTEGER ? `>= ${least}` : `from ${least} to ${most}`;
  return `bad argument ${flag}: expected a whole number ${range}, got "${String(raw)}"`;
}

/** Parses argv; returns the exit code to use when parsing ended the run (help, version, error). */
export function parseArgv(command: Command, argv: readonly string[]): number | undefined {
  try {
    command.parse([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      return userError(command.name(), describeArgvError(error));
    }
    throw error;
  }
}

/** Commander's complaint in the original's words (popt's `bad argument` and friends). */
export function describeArgvError(error: CommanderError): string {
  const text = error.message.replace(/^error: /, '');
  const option = /'(-[^',\s]+)/.exec(text)?.[1];
  switch (error.code) {
    case 'commander.unknownOption':
      return `bad argument ${option ?? ''}: unknown option`;
    case 'commander.optionMissingArgument':
      return `bad argument ${option ?? ''}: missing argument`;
    case 'commander.invalidArgument': {
      const value = /argument '([^']*)'/.exec(text)?.[1] ?? '';
      const why = text.replace(/^.* is invalid\. ?/, '');
      return `bad argument ${option ?? ''}: ${why} "${value}"`;
    }
    case 'commander.excessArguments':
      return 'unexpected arguments';
    default:
      return text;
  }
}

/** Prints a user error the way the original does and gives exit status 1. */
export function userError(program: string, message: string): number {
  process.stderr.write(`${program}: ${message}\n`);
  return 1;
}
