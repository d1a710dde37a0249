// The guest runs what the host asks through a small generated shell file; every word the host
// puts in it goes through this quoting, so an argument is never re-split or expanded.

/** Single-quotes one word for POSIX sh: 'it'\''s' is how sh spells it's. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A shell command line that runs exactly this argv. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
