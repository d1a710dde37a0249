// A Thompson-style matcher for parsed EREs: time linear in the reply's length whatever the
// pattern, so a hostile reply cannot stall a monitor the way a backtracking engine could.
// Only "does it match anywhere" is asked, so POSIX's leftmost-longest rule never matters.
import type { ByteSet } from './classes.js';
import { WORD } from './classes.js';
import type { AssertKind, EreNode } from './parse.js';

export type Instruction =
  | { readonly op: 'byte'; readonly set: ByteSet }
  | { readonly op: 'split'; readonly x: number; readonly y: number }
  | { readonly op: 'jump'; readonly x: number }
  | { readonly op: 'assert'; readonly kind: AssertKind }
  | { readonly op: 'match' };

export type EreProgram = readonly Instruction[];

/** Bounds what `{m,n}` expansions may cost; glibc refuses such patterns too. */
export const MAX_INSTRUCTIONS = 50_000;

/** Undefined when the expanded pattern is too big. */
export function compileProgram(node: EreNode): EreProgram | undefined {
  const out: Instruction[] = [];
  return emit(node, out) ? [...out, { op: 'match' }] : undefined;
}

function push(out: Instruction[], inst: Instruction): number {
  out.push(inst);
  return out.length - 1;
}

/** Points the open exit of a split (y) or jump (x) at the next instruction to be emitted. */
function patch(out: Instruction[], at: number): void {
  const inst = out[at];
  if (inst?.op === 'split') out[at] = { ...inst, y: out.length };
  if (inst?.op === 'jump') out[at] = { ...inst, x: out.length };
}

function emit(node: EreNode, out: Instruction[]): boolean {
  if (out.length > MAX_INSTRUCTIONS) return false;
  switch (node.t) {
    case 'set':
      push(out, { op: 'byte', set: node.set });
      return true;
    case 'assert':
      push(out, { op: 'assert', kind: node.kind });
      return true;
    case 'cat':
      return node.items.every((item) => emit(item, out));
    case 'alt':
      return emitAlternation(node.items, out);
    case 'repeat':
      return emitRepeat(node.node, node.min, node.max, out);
  }
}

function emitAlternation(items: readonly EreNode[], out: Instruction[]): boolean {
  const jumps: number[] = [];
  for (const [i, item] of items.entries()) {
    const last = i === items.length - 1;
    const split = last ? -1 : push(out, { op: 'split', x: out.length + 1, y: -1 });
    if (!emit(item, out)) return false;
    if (!last) {
      jumps.push(push(out, { op: 'jump', x: -1 }));
      patch(out, split);
    }
  }
  for (const at of jumps) patch(out, at);
  return true;
}

function emitRepeat(
  node: EreNode,
  min: number,
  max: number | undefined,
  out: Instruction[],
): boolean {
  for (let i = 0; i < min; i++) if (!emit(node, out)) return false;
  if (max === undefined) {
    const loop = push(out, { op: 'split', x: out.length + 1, y: -1 });
    if (!emit(node, out)) return false;
    push(out, { op: 'jump', x: loop });
    patch(out, loop);
    return true;
  }
  const skips: number[] = [];
  for (let i = min; i < max; i++) {
    skips.push(push(out, { op: 'split', x: out.length + 1, y: -1 }));
    if (!emit(node, out)) return false;
  }
  for (const at of skips) patch(out, at);
  return true;
}

const isWord = (input: Uint8Array, pos: number): boolean =>
  pos >= 0 && pos < input.length && WORD[input[pos] as number] === 1;

function holds(kind: AssertKind, input: Uint8Array, pos: number): boolean {
  const before = isWord(input, pos - 1);
  const after = isWord(input, pos);
  switch (kind) {
    case 'start':
      return pos === 0;
    case 'end':
      return pos === input.length;
    case 'word-boundary':
      return before !== after;
    case 'not-word-boundary':
      return before === after;
    case 'word-start':
      return !before && after;
    case 'word-end':
      return before && !after;
  }
}

/** True when the pattern matches anywhere in the input (no REG_NEWLINE: `^`/`$` are its ends). */
export function runProgram(program: EreProgram, input: Uint8Array): boolean {
  const seen = new Int32Array(program.length).fill(-1);
  let pending: number[] = [];
  for (let pos = 0; ; pos++) {
    const waiting: number[] = [];
    // A fresh thread at every position makes the search unanchored.
    for (const start of [...pending, 0]) {
      if (closure(program, start, input, pos, seen, waiting)) return true;
    }
    if (pos === input.length) return false;
    const byte = input[pos] as number;
    pending = waiting.filter((pc) => byteAt(program, pc)[byte] === 1).map((pc) => pc + 1);
  }
}

function byteAt(program: EreProgram, pc: number): ByteSet {
  const inst = program[pc];
  if (inst?.op !== 'byte') throw new Error(`instruction ${pc} is not a byte test`);
  return inst.set;
}

/** Follows jumps, splits and assertions from pc at pos; collects byte tests; true on match. */
function closure(
  program: EreProgram,
  pc: number,
  input: Uint8Array,
  pos: number,
  seen: Int32Array,
  waiting: number[],
): boolean {
  const stack = [pc];
  for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
    if (seen[at] === pos) continue;
    seen[at] = pos;
    const inst = program[at] as Instruction;
    switch (inst.op) {
      case 'match':
        return true;
      case 'byte':
        waiting.push(at);
        break;
      case 'jump':
        stack.push(inst.x);
        break;
      case 'split':
        stack.push(inst.y, inst.x);
        break;
      case 'assert':
        if (holds(inst.kind, input, pos)) stack.push(at + 1);
        break;
    }
  }
  return false;
}
