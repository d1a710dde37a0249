// Keeps the guides in docs/guide true where it is cheap to check: every ```lvs.cf block parses
// and validates without a finding, every option a guide gives to one of our programs is in that
// program's --help, every relative link names an existing file, and every IPv4 address is a
// documentation address (RFC 5737) or a netmask.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseLvsCf, validateConfig, type Diagnostic } from '@piranha-ts/config';
import { REPO, runBin } from '../support/run-bin.js';

const GUIDE_DIR = join(REPO, 'docs', 'guide');
const PROGRAMS = ['pulse', 'lvsd', 'nanny', 'send_arp', 'piranha-status'] as const;
type Program = (typeof PROGRAMS)[number];

interface Guide {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

interface Fence {
  readonly tag: string;
  readonly line: number;
  readonly body: string;
}

const guides: Guide[] = readdirSync(GUIDE_DIR)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => {
    const file = join(GUIDE_DIR, name);
    return { name, file, text: readFileSync(file, 'utf8') };
  });

/** Fenced code blocks with their info string and the line of the opening fence. */
function fences(text: string): Fence[] {
  const found: Fence[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*(\S*)/.exec(lines[i] ?? '');
    if (open === null) continue;
    const marker = open[1] ?? '```';
    const end = lines.findIndex((l, j) => j > i && l.trimEnd() === marker);
    const stop = end < 0 ? lines.length : end;
    found.push({ tag: open[2] ?? '', line: i + 1, body: lines.slice(i + 1, stop).join('\n') });
    i = stop;
  }
  return found;
}

/** The text outside fenced blocks. */
function prose(text: string): string {
  return text.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
}

const SEPARATORS = new Set(['|', '||', '&&', ';', '&', '>', '>>', '<', '2>&1', '--']);
/** Words after which a command starts: prompts and wrappers. */
const PREFIXES = new Set(['#', '$', 'sudo', 'exec', 'nohup']);

/**
 * Options given to our programs in command lines: after a token naming a program (`pulse`,
 * `/usr/sbin/lvsd`, ...) where a command starts, every `-x`/`--xx` token up to a shell separator
 * or a comment, plus the words of `OPTIONS="..."` (pulse's /etc/sysconfig/pulse).
 */
function mentionedOptions(commandText: string): Map<Program, Set<string>> {
  const found = new Map<Program, Set<string>>(PROGRAMS.map((p) => [p, new Set<string>()]));
  const add = (program: Program, token: string): void => {
    if (/^--?[A-Za-z?][\w-]*/.test(token)) found.get(program)?.add(token.split('=')[0] ?? token);
  };
  for (const line of commandText.split('\n')) {
    const sysconfig = /^\s*OPTIONS="([^"]*)"/.exec(line);
    if (sysconfig !== null)
      for (const word of (sysconfig[1] ?? '').split(/\s+/)) add('pulse', word);
    const tokens = line.trim().split(/\s+/);
    let program: Program | undefined;
    let commandStart = true;
    for (const [i, raw] of tokens.entries()) {
      if (i > 0 && raw.startsWith('#')) break; // a comment
      const token = raw.endsWith(';') ? raw.slice(0, -1) : raw;
      const base = token.slice(token.lastIndexOf('/') + 1);
      if (commandStart && (PROGRAMS as readonly string[]).includes(base)) program = base as Program;
      else if (program !== undefined && !SEPARATORS.has(token)) add(program, token);
      const ends = SEPARATORS.has(token) || raw.endsWith(';');
      if (ends) program = undefined;
      commandStart = ends || PREFIXES.has(token);
    }
  }
  return found;
}

/** Command text of a guide: shell-like fenced blocks and inline code spans. */
function commandText(text: string): string {
  const blocks = fences(text)
    .filter((f) => ['', 'sh', 'shell', 'bash', 'console'].includes(f.tag))
    .map((f) => f.body);
  const spans = [...prose(text).matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
  return [...blocks, ...spans].join('\n');
}

/** Relative link targets of a guide (inline links outside code). */
function relativeLinks(text: string): string[] {
  const withoutSpans = prose(text).replace(/`[^`\n]*`/g, '');
  return [...withoutSpans.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

/** The flags column of commander's "Options:" section of --help. */
function helpOptions(help: string): Set<string> {
  const lines = help.split('\n');
  const start = lines.findIndex((l) => /^Options:\s*$/.test(l));
  const names = new Set<string>();
  if (start < 0) return names;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const flags = /^ {2}(-\S.*?)(?: {2,}|$)/.exec(line)?.[1] ?? '';
    for (const m of flags.matchAll(/(?:^|[\s,])(--?[A-Za-z0-9?][\w-]*)/g)) names.add(m[1] ?? '');
  }
  return names;
}

function formatFinding(d: Diagnostic): string {
  return `${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}

function lvsCfFindings(body: string): string[] {
  const parsed = parseLvsCf(body.endsWith('\n') ? body : `${body}\n`);
  if (!parsed.ok) return parsed.diagnostics.map(formatFinding);
  return [...parsed.diagnostics, ...validateConfig(parsed.config, parsed.source)].map(
    formatFinding,
  );
}

const DOCUMENTATION = [/^192\.0\.2\.\d+$/, /^198\.51\.100\.\d+$/, /^203\.0\.113\.\d+$/];

/** Addresses that are neither documentation addresses nor netmasks or the wildcard. */
function foreignAddresses(text: string): string[] {
  const quads = text.match(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g) ?? [];
  return quads.filter(
    (q) =>
      !DOCUMENTATION.some((re) => re.test(q)) &&
      !q.startsWith('255.') &&
      !q.startsWith('127.') &&
      q !== '0.0.0.0' &&
      q !== '224.0.0.18',
  );
}

test('there are guides to check', () => {
  expect(guides.map((g) => g.name)).toEqual(
    expect.arrayContaining([
      'operators-guide.md',
      'migrating-from-piranha.md',
      'migrating-from-keepalived.md',
    ]),
  );
  const lvsCfBlocks = guides.flatMap((g) => fences(g.text).filter((f) => f.tag === 'lvs.cf'));
  expect(lvsCfBlocks.length).toBeGreaterThan(5);
});

describe.each(guides)('$name', (guide) => {
  test('every lvs.cf block parses and validates without a finding', () => {
    const blocks = fences(guide.text).filter((f) => f.tag === 'lvs.cf');
    const findings = blocks.flatMap((block) =>
      lvsCfFindings(block.body).map((f) => `block at line ${block.line}: ${f}`),
    );
    expect(findings).toEqual([]);
  });

  test('every relative link resolves to a file', () => {
    const missing = relativeLinks(guide.text).filter((target) => {
      const path = decodeURIComponent(target.split('#')[0] ?? '');
      return !existsSync(join(dirname(guide.file), path));
    });
    expect(missing).toEqual([]);
  });

  test('every address is a documentation address', () => {
    expect(foreignAddresses(guide.text)).toEqual([]);
  });
});

describe('options the guides give our programs', () => {
  const mentioned = new Map<Program, Map<string, string[]>>();
  for (const guide of guides) {
    for (const [program, options] of mentionedOptions(commandText(guide.text))) {
      const byOption = mentioned.get(program) ?? new Map<string, string[]>();
      for (const option of options) {
        byOption.set(option, [...(byOption.get(option) ?? []), guide.name]);
      }
      mentioned.set(program, byOption);
    }
  }

  test('the guides mention options at all', () => {
    const total = [...mentioned.values()].reduce((n, m) => n + m.size, 0);
    expect(total).toBeGreaterThan(10);
  });

  test.each(PROGRAMS)(
    '%s: every option is in --help',
    async (program) => {
      const options = mentioned.get(program) ?? new Map<string, string[]>();
      if (options.size === 0) return;
      const help = await runBin(program, ['--help']);
      expect(help.exitCode).toBe(0);
      const known = helpOptions(help.stdout);
      const unknown = [...options]
        .filter(([option]) => !known.has(option))
        .map(([option, where]) => `${option} (${[...new Set(where)].join(', ')})`);
      expect(unknown).toEqual([]);
    },
    30_000,
  );
});

test('the helpers find what they should', () => {
  const options = mentionedOptions(
    'lvsd --print-table -c /etc/x | grep -v y  # see ipvsadm -Sn\njournalctl -t pulse --since today\nOPTIONS="--forceactive -v"\n/usr/sbin/pulse --check; ipvsadm -Ln',
  );
  expect([...(options.get('lvsd') ?? [])]).toEqual(['--print-table', '-c']);
  expect([...(options.get('pulse') ?? [])].sort()).toEqual(['--check', '--forceactive', '-v']);
  expect(relativeLinks('[a](../b.md) [c](https://x/) [d](#e) `[f](g)`')).toEqual(['../b.md']);
  expect(foreignAddresses('10.1.2.3 192.0.2.1 255.255.255.0')).toEqual(['10.1.2.3']);
  expect(relative(REPO, GUIDE_DIR)).toBe(join('docs', 'guide'));
});
