// Splits lvs.cf text into physical lines and blank-separated tokens, the way the original
// parser reads them: `=` is a token of its own, quotes group blanks, `#` starts a comment
// only as the first token of a line.
import { diagnostic, type Diagnostic } from './diagnostics.js';

export interface Token {
  /** Text with surrounding quotes removed. */
  readonly text: string;
  /** The quote character the token was written with, if any. */
  readonly quote: '"' | "'" | undefined;
  readonly line: number;
  readonly column: number;
}

export interface Line {
  readonly number: number;
  readonly tokens: readonly Token[];
}

export interface LexedLine extends Line {
  readonly error: Diagnostic | undefined;
}

const BLANK = /[ \t\f\v]/;

/** Physical lines: LF, CRLF and lone CR all end a line (mixed files are read line by line). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Tokenizes one physical line; comment and blank lines give no tokens. */
export function lexLine(raw: string, number: number): LexedLine {
  const tokens: Token[] = [];
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && BLANK.test(raw[i] ?? '')) i++;
    if (i >= raw.length) break;
    const start = i;
    const ch = raw[i];
    if (tokens.length === 0 && ch === '#') break;
    if (ch === '"' || ch === "'") {
      const close = raw.indexOf(ch, i + 1);
      const after = close < 0 ? -1 : close + 1;
      if (close < 0 || (after < raw.length && !BLANK.test(raw[after] ?? ''))) {
        const at = { line: number, column: start + 1 };
        return {
          number,
          tokens,
          error: diagnostic('quotation-mismatch', at, keywordOf(tokens), quoteMessage(close)),
        };
      }
      tokens.push({ text: raw.slice(i + 1, close), quote: ch, line: number, column: start + 1 });
      i = after;
      continue;
    }
    while (i < raw.length && !BLANK.test(raw[i] ?? '')) i++;
    tokens.push({ text: raw.slice(start, i), quote: undefined, line: number, column: start + 1 });
  }
  return { number, tokens, error: undefined };
}

function keywordOf(tokens: readonly Token[]): string | undefined {
  return tokens[0]?.text;
}

function quoteMessage(close: number): string {
  return close < 0
    ? 'quotation mismatch: the closing quote is missing'
    : 'quotation mismatch: text follows the closing quote';
}

export function lex(text: string): LexedLine[] {
  return splitLines(text).map((raw, index) => lexLine(raw, index + 1));
}
