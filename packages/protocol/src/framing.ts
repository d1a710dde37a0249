// Newline-delimited framing: one JSON message per line. The decoder takes chunks as they come
// off a socket and yields complete lines; a peer that never sends a newline cannot make it grow
// without bound, it gets a `line-too-long` instead and the rest of that line is dropped.

/** Longest line accepted by default, in UTF-16 code units (a status of 500 monitors is ~100 KiB). */
export const DEFAULT_MAX_LINE_LENGTH = 4 * 1024 * 1024;

export type LineEvent =
  | { readonly kind: 'line'; readonly line: string }
  | { readonly kind: 'line-too-long'; readonly limit: number };

export interface LineDecoder {
  /** Feeds one chunk; returns the events it completed, in order. */
  push(chunk: string): readonly LineEvent[];
  /** Characters held for a line not yet ended (0 while skipping an over-long line). */
  pending(): number;
}

export function createLineDecoder(maxLength: number = DEFAULT_MAX_LINE_LENGTH): LineDecoder {
  let buffered = '';
  // After an over-long line we drop everything up to its newline, then resume.
  let skipping = false;

  function push(chunk: string): readonly LineEvent[] {
    const events: LineEvent[] = [];
    let rest = chunk;
    for (;;) {
      const newline = rest.indexOf('\n');
      if (newline < 0) break;
      const piece = rest.slice(0, newline);
      rest = rest.slice(newline + 1);
      if (skipping) {
        skipping = false;
      } else if (buffered.length + piece.length > maxLength) {
        buffered = '';
        events.push({ kind: 'line-too-long', limit: maxLength });
      } else {
        events.push({ kind: 'line', line: stripCarriageReturn(buffered + piece) });
        buffered = '';
      }
    }
    if (skipping) return events;
    if (buffered.length + rest.length > maxLength) {
      buffered = '';
      skipping = true;
      events.push({ kind: 'line-too-long', limit: maxLength });
    } else {
      buffered += rest;
    }
    return events;
  }

  return { push, pending: () => buffered.length };
}

/** Tolerates CRLF from hand-typed test clients (socat, nc). */
function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** One message as a line: JSON escapes every newline inside strings, so framing stays intact. */
export function encodeLine(message: object): string {
  return `${JSON.stringify(message)}\n`;
}
