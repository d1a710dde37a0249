// Writes the canonical lvs.cf layout: serial_no first, globals in the GUI's order, failover
// blocks, then virtual blocks with their servers. Values equal to their default are left out
// unless the GUI always writes them, so serialize(parse(text)) is stable.
import {
  GLOBAL_KEYWORDS,
  SERVER_KEYWORDS,
  SERVICE_KEYWORDS,
  type KeywordSpec,
  type KeywordValue,
} from './keywords.js';
import type { FailoverService, LvsConfig, RealServer, VirtualServer } from './model.js';

const BLOCK_INDENT = '    ';
const SERVER_INDENT = '        ';

export function serializeLvsCf(config: LvsConfig): string {
  const sections = [
    linesFor(GLOBAL_KEYWORDS, fieldsOf(config), '').join('\n'),
    ...config.failovers.map(failoverBlock),
    ...config.virtuals.map(virtualBlock),
  ];
  return sections.filter((s) => s.length > 0).join('\n\n') + '\n';
}

function fieldsOf(record: object): Readonly<Record<string, unknown>> {
  return record as Readonly<Record<string, unknown>>;
}

function failoverBlock(fo: FailoverService): string {
  const specs = SERVICE_KEYWORDS.filter((k) => k.inFailover);
  return [`failover ${fo.name} {`, ...linesFor(specs, fieldsOf(fo), BLOCK_INDENT), '}'].join('\n');
}

function virtualBlock(vs: VirtualServer): string {
  const body = linesFor(SERVICE_KEYWORDS, fieldsOf(vs), BLOCK_INDENT);
  const servers = vs.servers.flatMap((rs) => serverBlock(rs, vs.port));
  return [`virtual ${vs.name} {`, ...body, ...servers, '}'].join('\n');
}

function serverBlock(rs: RealServer, virtualPort: number): string[] {
  // A server's port defaults to the virtual port, so only a different one is written.
  const fields = { ...fieldsOf(rs), port: rs.port === virtualPort ? undefined : rs.port };
  const body = linesFor(SERVER_KEYWORDS, fields, SERVER_INDENT);
  return [`${BLOCK_INDENT}server ${rs.name} {`, ...body, `${BLOCK_INDENT}}`];
}

function linesFor(
  specs: readonly KeywordSpec[],
  fields: Readonly<Record<string, unknown>>,
  indent: string,
): string[] {
  const lines: string[] = [];
  for (const spec of specs) {
    const value = fields[spec.field] as KeywordValue | undefined;
    if (value === undefined) continue;
    if (!spec.alwaysWritten && sameValue(value, spec.default)) continue;
    lines.push(`${indent}${spec.keyword} = ${renderValue(spec, value)}`);
  }
  return lines;
}

function sameValue(a: KeywordValue, b: KeywordValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function renderValue(spec: KeywordSpec, value: KeywordValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return ['[', ...value, ']'].join(' ');
  if (typeof value === 'object') {
    const pair = value as { address: string; device: string };
    return `${pair.address} ${pair.device}`;
  }
  const text = value as string;
  if (spec.type.kind === 'string') return quote(text);
  return /^[^\s"']+$/.test(text) ? text : quote(text);
}

/** Double quotes unless the text holds one; lvs.cf has no escapes inside quotes. */
function quote(text: string): string {
  return text.includes('"') ? `'${text}'` : `"${text}"`;
}

/** Whether a string can be written to lvs.cf at all (no newline, not both quote kinds). */
export function isWritableString(text: string): boolean {
  return !/[\r\n]/.test(text) && !(text.includes('"') && text.includes("'"));
}
