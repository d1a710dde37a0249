// POSIX extended regular expressions for --regex expect strings (see parse.ts for the subset).
import { utf8 } from '../bytes.js';
import { ERE_ERRORS, parseEre } from './parse.js';
import { compileProgram, runProgram, type EreProgram } from './vm.js';

export { ERE_ERRORS } from './parse.js';

export interface PosixRegex {
  readonly source: string;
  readonly program: EreProgram;
}

export type RegexCompile =
  | { readonly ok: true; readonly regex: PosixRegex }
  | { readonly ok: false; readonly message: string };

/** The pattern is read as its UTF-8 bytes, one character per byte, as regcomp in "C" did. */
export function compileEre(source: string): RegexCompile {
  const parsed = parseEre(utf8(source));
  if (!parsed.ok) return parsed;
  const program = compileProgram(parsed.node);
  if (program === undefined) return { ok: false, message: ERE_ERRORS.tooBig };
  return { ok: true, regex: { source, program } };
}

/** True when the regex matches anywhere in the bytes. */
export function ereMatches(regex: PosixRegex, input: Uint8Array): boolean {
  return runProgram(regex.program, input);
}
