// docs/lvs.cf.5.md must agree with the keyword table and the diagnostic codes: every keyword
// in a table row of its section with the default the code uses, every code in ERRORS, and
// every example a valid file.
import { readFileSync } from 'node:fs';
import {
  GLOBAL_KEYWORDS,
  SERVER_KEYWORDS,
  SERVICE_KEYWORDS,
  parseLvsCf,
  validateConfig,
  type DiagnosticCode,
  type KeywordSpec,
  type KeywordValue,
} from '@piranha-ts/config';

const page = readFileSync(new URL('../../../docs/lvs.cf.5.md', import.meta.url), 'utf8');

/** Every diagnostic code of diagnostics.ts; the type check below fails when one is missing. */
const DIAGNOSTIC_CODES = [
  'empty-configuration',
  'quotation-mismatch',
  'unexpected-eof',
  'unexpected-arguments',
  'equal-expected',
  'missing-arguments',
  'invalid-host',
  'invalid-argument',
  'integer-expected',
  'boolean-expected',
  'unknown-command',
  'list-expected',
  'bad-subnet-mask',
  'out-of-range',
  'duplicate-service',
  'duplicate-server',
  'inconsistent-service',
  'missing-persistence',
  'missing-address',
  'repeated-keyword',
  'late-port',
  'ignored-keyword',
  'timing',
] as const satisfies readonly DiagnosticCode[];

type Unlisted = Exclude<DiagnosticCode, (typeof DIAGNOSTIC_CODES)[number]>;
const CODES_COMPLETE: [Unlisted] extends [never] ? true : never = true;

/** The page's convention for a keyword that has no default. */
const UNSET = '—';
const INT_MAX = 2 ** 31 - 1;

/** A default as the page writes it: booleans as 0/1, no default as UNSET. */
function renderDefault(value: KeywordValue | undefined): string {
  if (value === undefined) return UNSET;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`no rendering for default ${JSON.stringify(value)}`);
}

/** The text of a `## HEADING` section, up to the next `## `. */
function section(heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/lvs.cf.5.md has no section ${heading}`);
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}

type Row = readonly string[];

/** Body rows of the tables of a section as cells; header and separator rows are left out. */
function tableRows(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) continue;
    if (/^\|[\s|:-]+\|$/.test(line)) rows.pop();
    else
      rows.push(
        line
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim()),
      );
  }
  return rows;
}

const plain = (cell: string) => cell.replace(/`/g, '').replace(/\\\|/g, '|');

function rowOf(rows: readonly Row[], keyword: string): Row {
  const found = rows.filter((r) => r[0] === `\`${keyword}\``);
  if (found.length !== 1) throw new Error(`${keyword}: ${found.length} table rows, expected 1`);
  return found[0] as Row;
}

function checkRow(row: Row, spec: KeywordSpec): void {
  const [, value = '', def = '', , since = ''] = row;
  expect(plain(def)).toBe(renderDefault(spec.default));
  expect(since).toBe(spec.since === 'ext' ? 'extension' : spec.since);
  const type = spec.type;
  const shown = plain(value);
  switch (type.kind) {
    case 'integer':
    case 'seconds':
      expect(shown).toContain(String(type.min));
      if (type.max !== INT_MAX) expect(shown).toContain(String(type.max));
      break;
    case 'boolean':
      expect(shown).toBe('0 or 1');
      break;
    case 'enum':
      for (const v of type.values) expect(value).toContain(`\`${v}\``);
      break;
    case 'port':
      expect(shown).toContain('65535');
      expect(shown.includes('service name')).toBe(type.names);
      break;
    case 'host':
      expect(shown).toContain('host');
      expect(shown.includes('0.0.0.0')).toBe(type.notZero);
      break;
    case 'address-device':
      expect(shown).toBe('IP DEVICE');
      break;
    default:
      expect(shown.length).toBeGreaterThan(0);
  }
}

const SCOPES: [string, readonly KeywordSpec[]][] = [
  ['GLOBAL KEYWORDS', GLOBAL_KEYWORDS],
  ['VIRTUAL SERVER KEYWORDS', SERVICE_KEYWORDS],
  ['REAL SERVER KEYWORDS', SERVER_KEYWORDS],
  ['FAILOVER KEYWORDS', SERVICE_KEYWORDS.filter((k) => k.inFailover)],
];

describe.each(SCOPES)('%s', (heading, specs) => {
  const rows = tableRows(section(heading));

  test.each(specs.map((s) => [s.keyword, s] as const))(
    '%s: one row with its value type, default and release',
    (keyword, spec) => checkRow(rowOf(rows, keyword), spec),
  );

  test('no row for a keyword the code does not know', () => {
    const known = new Set(specs.map((s) => `\`${s.keyword}\``));
    expect(rows.map((r) => r[0]).filter((k) => !known.has(k ?? ''))).toEqual([]);
  });
});

test('the failover section names every keyword a failover block ignores', () => {
  const text = section('FAILOVER KEYWORDS');
  for (const spec of SERVICE_KEYWORDS.filter((k) => !k.inFailover)) {
    expect(text).toContain(`\`${spec.keyword}\``);
  }
});

test('the page states its convention for keywords without a default', () => {
  expect(section('GLOBAL KEYWORDS')).toContain(`\`${UNSET}\` means unset`);
});

test('every diagnostic code is described in ERRORS', () => {
  expect(CODES_COMPLETE).toBe(true);
  const errors = section('ERRORS');
  const described = tableRows(errors).map((r) => r[0]);
  for (const code of DIAGNOSTIC_CODES) expect(described).toContain(`\`${code}\``);
  expect(described).toHaveLength(DIAGNOSTIC_CODES.length);
});

test('ERRORS shows the report format of a rejected file', () => {
  const errors = section('ERRORS');
  expect(errors).toContain('PROGRAM: error parsing FILE on line N (K errors):');
  expect(errors).toContain('FILE:LINE:COL: keyword: message');
});

/** Fenced code blocks with their info strings (`sh` for shell; none for lvs.cf). */
function fencedBlocks(text: string): { info: string; text: string }[] {
  const blocks: { info: string; text: string }[] = [];
  let open: { info: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    if (open === undefined) {
      if (line.startsWith('```')) open = { info: line.slice(3).trim(), lines: [] };
    } else if (line === '```') {
      blocks.push({ info: open.info, text: open.lines.map((l) => `${l}\n`).join('') });
      open = undefined;
    } else open.lines.push(line);
  }
  return blocks;
}

describe('EXAMPLES', () => {
  const examples = fencedBlocks(section('EXAMPLES'))
    .filter((block) => block.info === '')
    .map((block) => block.text);

  test('there are two lvs.cf examples', () => {
    expect(examples).toHaveLength(2);
  });

  test.each(examples.map((text, i) => [i + 1, text] as const))(
    'example %d parses and validates without findings',
    (_, text) => {
      const result = parseLvsCf(text);
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
      expect(result.diagnostics).toEqual([]);
      expect(validateConfig(result.config, result.source)).toEqual([]);
    },
  );

  test('examples use documentation addresses only', () => {
    for (const text of examples) {
      for (const [ip] of text.matchAll(/\b\d+\.\d+\.\d+\.\d+\b/g)) {
        if (/^255\./.test(ip)) continue;
        expect(ip).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\./);
      }
    }
  });
});
