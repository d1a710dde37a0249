// POSIX extended regular expressions as glibc's regcomp(REG_EXTENDED) reads them in the C
// locale, which is what nanny's --regex used. Errors carry glibc's regerror() texts, since
// they end up in nanny's "Error '%s' processing expected regular expression" line.
//
// Supported: literals, `.`, `^`, `$`, `|`, `( )`, `* + ? {m} {m,} {m,n} {,n}` (stackable, as
// in glibc), bracket expressions with ranges, `[:class:]`, one-character `[.c.]` and `[=c=]`,
// a lone `)` as a literal, `\` before any other character as that literal, and the GNU
// operators `\w \W \s \S \b \B \< \> \` \'`. Back references are refused: POSIX leaves them
// undefined in EREs and the matcher is linear-time only without them.
import { ANY_BUT_NUL, CLASSES, SPACE, WORD, addAll, byteSet, complement } from './classes.js';
import type { ByteSet } from './classes.js';
import { latin1 } from '../bytes.js';

export type AssertKind =
  'start' | 'end' | 'word-boundary' | 'not-word-boundary' | 'word-start' | 'word-end';

export type EreNode =
  | { readonly t: 'set'; readonly set: ByteSet }
  | { readonly t: 'assert'; readonly kind: AssertKind }
  | { readonly t: 'cat'; readonly items: readonly EreNode[] }
  | { readonly t: 'alt'; readonly items: readonly EreNode[] }
  | {
      readonly t: 'repeat';
      readonly node: EreNode;
      readonly min: number;
      readonly max: number | undefined;
    };

export type EreParse =
  { readonly ok: true; readonly node: EreNode } | { readonly ok: false; readonly message: string };

export const ERE_ERRORS = {
  badPattern: 'Invalid regular expression',
  collate: 'Invalid collation character',
  ctype: 'Invalid character class name',
  escape: 'Trailing backslash',
  backref: 'Back references are not supported',
  bracket: 'Unmatched [, [^, [:, [., or [=',
  paren: 'Unmatched ( or \\(',
  brace: 'Unmatched \\{',
  badBrace: 'Invalid content of \\{\\}',
  range: 'Invalid range end',
  tooBig: 'Regular expression too big',
  badRepeat: 'Invalid preceding regular expression',
} as const;

/** glibc's RE_DUP_MAX. */
const MAX_REPEAT = 0x7fff;

const ch = (c: string): number => c.charCodeAt(0);
const PIPE = ch('|');
const LPAREN = ch('(');
const RPAREN = ch(')');
const LBRACKET = ch('[');
const RBRACKET = ch(']');
const LBRACE = ch('{');
const RBRACE = ch('}');
const STAR = ch('*');
const PLUS = ch('+');
const QMARK = ch('?');
const DOT = ch('.');
const CARET = ch('^');
const DOLLAR = ch('$');
const BACKSLASH = ch('\\');
const MINUS = ch('-');
const COLON = ch(':');
const COMMA = ch(',');
const EQUALS = ch('=');

/** Thrown inside the parser only; parseEre turns it into a result. */
class EreSyntaxError extends Error {}

export function parseEre(pattern: Uint8Array): EreParse {
  try {
    return { ok: true, node: new Parser(pattern).parse() };
  } catch (error) {
    if (error instanceof EreSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

const fail = (message: string): never => {
  throw new EreSyntaxError(message);
};

const literal = (byte: number): EreNode => ({ t: 'set', set: byteSet([byte, byte]) });

type BracketItem =
  | { readonly kind: 'char'; readonly byte: number }
  | { readonly kind: 'class'; readonly set: ByteSet };

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: Uint8Array) {}

  parse(): EreNode {
    return this.alternation();
  }

  private peek(offset = 0): number | undefined {
    return this.src[this.pos + offset];
  }

  private alternation(): EreNode {
    const branches = [this.branch()];
    while (this.peek() === PIPE) {
      this.pos++;
      branches.push(this.branch());
    }
    return branches.length === 1 ? (branches[0] as EreNode) : { t: 'alt', items: branches };
  }

  private branch(): EreNode {
    const items: EreNode[] = [];
    // Anchors and empty starts cannot be repeated; a parenthesised group always can.
    let repeatable = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === PIPE || (c === RPAREN && this.depth > 0)) break;
      if (c === STAR || c === PLUS || c === QMARK || c === LBRACE) {
        const last = items.pop();
        if (last === undefined || !repeatable) return fail(ERE_ERRORS.badRepeat);
        items.push(this.quantified(last));
        continue;
      }
      const atom = this.atom();
      items.push(atom.node);
      repeatable = atom.repeatable;
    }
    return items.length === 1 ? (items[0] as EreNode) : { t: 'cat', items };
  }

  private quantified(node: EreNode): EreNode {
    const c = this.src[this.pos++];
    if (c === STAR) return { t: 'repeat', node, min: 0, max: undefined };
    if (c === PLUS) return { t: 'repeat', node, min: 1, max: undefined };
    if (c === QMARK) return { t: 'repeat', node, min: 0, max: 1 };
    return { t: 'repeat', node, ...this.interval() };
  }

  /** glibc's parse_dup_op, whose error choice depends on where the junk stops. */
  private interval(): { min: number; max: number | undefined } {
    const first = this.fetchNumber();
    let min = first.value;
    if (min === undefined && first.stop !== 'comma') return fail(ERE_ERRORS.badBrace);
    min ??= 0;
    let max: number | undefined | 'bad' = 'bad';
    let stop = first.stop;
    if (min !== 'bad' && first.stop === 'close') max = min;
    if (min !== 'bad' && first.stop === 'comma') ({ value: max, stop } = this.fetchNumber());
    if (min === 'bad' || max === 'bad') {
      return fail(stop === 'end' ? ERE_ERRORS.brace : ERE_ERRORS.badBrace);
    }
    if ((max !== undefined && min > max) || stop !== 'close') return fail(ERE_ERRORS.badBrace);
    if ((max ?? min) > MAX_REPEAT) return fail(ERE_ERRORS.tooBig);
    return { min, max };
  }

  /** Digits up to `}` or `,`; anything else spoils the number but is read past. */
  private fetchNumber(): { value: number | undefined | 'bad'; stop: 'close' | 'comma' | 'end' } {
    let value: number | undefined | 'bad';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) return { value: 'bad', stop: 'end' };
      // glibc reads a backslash and the next byte as one token of that byte: `\,` is a comma.
      const escaped = c === BACKSLASH && this.pos + 1 < this.src.length;
      const unit = escaped ? this.src[this.pos + 1] : c;
      this.pos += escaped ? 2 : 1;
      if (!escaped && c === RBRACE) return { value, stop: 'close' };
      if (unit === COMMA) return { value, stop: 'comma' };
      const digit = !escaped && c >= ch('0') && c <= ch('9');
      value =
        !digit || value === 'bad'
          ? 'bad'
          : Math.min(MAX_REPEAT + 1, (value ?? 0) * 10 + c - ch('0'));
    }
  }

  private atom(): { node: EreNode; repeatable: boolean } {
    const c = this.src[this.pos++] as number;
    if (c === LPAREN) {
      this.depth++;
      const node = this.alternation();
      if (this.peek() !== RPAREN) return fail(ERE_ERRORS.paren);
      this.pos++;
      this.depth--;
      return { node, repeatable: true };
    }
    if (c === LBRACKET) return { node: { t: 'set', set: this.bracket() }, repeatable: true };
    if (c === DOT) return { node: { t: 'set', set: ANY_BUT_NUL }, repeatable: true };
    if (c === CARET) return { node: { t: 'assert', kind: 'start' }, repeatable: false };
    if (c === DOLLAR) return { node: { t: 'assert', kind: 'end' }, repeatable: false };
    if (c === BACKSLASH) return this.escape();
    return { node: literal(c), repeatable: true };
  }

  private escape(): { node: EreNode; repeatable: boolean } {
    const c = this.src[this.pos++];
    if (c === undefined) return fail(ERE_ERRORS.escape);
    if (c >= ch('1') && c <= ch('9')) return fail(ERE_ERRORS.backref);
    const set = ESCAPED_SETS.get(c);
    if (set !== undefined) return { node: { t: 'set', set }, repeatable: true };
    const kind = ESCAPED_ASSERTS.get(c);
    if (kind !== undefined) return { node: { t: 'assert', kind }, repeatable: false };
    return { node: literal(c), repeatable: true };
  }

  private bracket(): ByteSet {
    const negate = this.peek() === CARET;
    if (negate) this.pos++;
    // glibc's own quirk: `[` or `[^` at the very end is a different error from `[a`.
    if (this.peek() === undefined) return fail(ERE_ERRORS.badPattern);
    const set = new Uint8Array(256);
    for (let first = true; ; first = false) {
      const c = this.peek();
      if (c === undefined) return fail(ERE_ERRORS.bracket);
      if (c === RBRACKET && !first) break;
      const start = this.bracketItem();
      if (this.peek() === MINUS && this.peek(1) !== RBRACKET && this.peek(1) !== undefined) {
        this.pos++;
        if (start.kind !== 'char') return fail(ERE_ERRORS.range);
        const end = this.rangeEnd();
        if (start.byte > end) return fail(ERE_ERRORS.range);
        set.fill(1, start.byte, end + 1);
        // `[a-c-e]`: a range cannot start where another ended.
        if (this.peek() === MINUS && this.peek(1) !== RBRACKET && this.peek(1) !== undefined) {
          return fail(ERE_ERRORS.range);
        }
      } else if (start.kind === 'char') {
        set[start.byte] = 1;
      } else {
        addAll(set, start.set);
      }
    }
    this.pos++;
    return negate ? complement(set) : set;
  }

  private bracketItem(): BracketItem {
    const c = this.src[this.pos] as number;
    const next = this.peek(1);
    if (c !== LBRACKET || (next !== COLON && next !== DOT && next !== EQUALS)) {
      this.pos++;
      return { kind: 'char', byte: c };
    }
    const content = this.delimited(next);
    if (next === COLON) {
      const set = CLASSES.get(latin1(content));
      return set === undefined ? fail(ERE_ERRORS.ctype) : { kind: 'class', set };
    }
    // Multi-character collating elements and equivalence classes do not exist in C.
    if (content.length !== 1) return fail(ERE_ERRORS.collate);
    const byte = content[0] as number;
    // An equivalence class is a set, not a character, so it cannot open a range.
    return next === DOT ? { kind: 'char', byte } : { kind: 'class', set: byteSet([byte, byte]) };
  }

  private rangeEnd(): number {
    const c = this.peek();
    const next = this.peek(1);
    if (c === LBRACKET && (next === COLON || next === EQUALS)) return fail(ERE_ERRORS.range);
    const item = this.bracketItem();
    return item.kind === 'char' ? item.byte : fail(ERE_ERRORS.range);
  }

  /** The bytes between `[x` and `x]`, for x one of `: . =`. */
  private delimited(delimiter: number): Uint8Array {
    const from = this.pos + 2;
    for (let i = from; i + 1 < this.src.length; i++) {
      if (this.src[i] === delimiter && this.src[i + 1] === RBRACKET) {
        this.pos = i + 2;
        return this.src.subarray(from, i);
      }
    }
    return fail(ERE_ERRORS.bracket);
  }
}

const ESCAPED_SETS: ReadonlyMap<number, ByteSet> = new Map([
  [ch('w'), WORD],
  [ch('W'), complement(WORD)],
  [ch('s'), SPACE],
  [ch('S'), complement(SPACE)],
]);

const ESCAPED_ASSERTS: ReadonlyMap<number, AssertKind> = new Map([
  [ch('b'), 'word-boundary'],
  [ch('B'), 'not-word-boundary'],
  [ch('<'), 'word-start'],
  [ch('>'), 'word-end'],
  [ch('`'), 'start'],
  [ch("'"), 'end'],
]);
