// Where each block and value came from, kept beside the model (not in it) so models compare
// equal regardless of layout. Paths: `primary`, `virtual[0]`, `virtual[0].port`,
// `virtual[0].server[1].weight`, `failover[0].address`.
import type { Position } from './diagnostics.js';

export type SourceIndex = ReadonlyMap<string, Position>;

export function globalPath(keyword: string): string {
  return keyword;
}

export function blockPath(kind: 'virtual' | 'failover', index: number, keyword?: string): string {
  const base = `${kind}[${index}]`;
  return keyword === undefined ? base : `${base}.${keyword}`;
}

export function serverPath(virtualIndex: number, serverIndex: number, keyword?: string): string {
  const base = `virtual[${virtualIndex}].server[${serverIndex}]`;
  return keyword === undefined ? base : `${base}.${keyword}`;
}

const START: Position = { line: 1, column: 1 };

/** Position of a path, falling back to its enclosing block, then to the file start. */
export function positionOf(source: SourceIndex, path: string): Position {
  let p = path;
  for (;;) {
    const found = source.get(p);
    if (found !== undefined) return found;
    const cut = p.lastIndexOf('.');
    if (cut < 0) return START;
    p = p.slice(0, cut);
  }
}
