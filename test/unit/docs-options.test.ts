// Every executable's --help and its manual page list the same options: the long and short
// names printed under "Options:" by `bin/NAME --help` are the ones documented in the OPTIONS
// section of docs/NAME.8.md (aliases included). Both sides are read from the current files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runBin } from '../support/run-bin.js';

const OPTION = /(?:^|[\s,`|[])(--?[A-Za-z0-9?][\w-]*)/g;

const executables = readdirSync(join(REPO, 'bin')).filter(
  (name) => (statSync(join(REPO, 'bin', name)).mode & 0o111) !== 0,
);

function optionNames(text: string): string[] {
  return [...text.matchAll(OPTION)].map((m) => m[1] ?? '');
}

/** The flags column of commander's "Options:" section. */
export function helpOptions(help: string): Set<string> {
  const lines = help.split('\n');
  const start = lines.findIndex((l) => /^Options:\s*$/.test(l));
  if (start < 0) throw new Error('no "Options:" section in --help');
  const names = new Set<string>();
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const flags = /^ {2}(-\S.*?)(?: {2,}|$)/.exec(line)?.[1];
    if (flags !== undefined) for (const name of optionNames(flags)) names.add(name);
  }
  return names;
}

/** The terms of the definition list in the page's OPTIONS section (a term line, then `: `). */
export function manOptions(page: string): Set<string> {
  const lines = page.split('\n');
  const start = lines.findIndex((l) => /^## OPTIONS\s*$/.test(l));
  if (start < 0) throw new Error('no "## OPTIONS" section');
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  const section = lines.slice(start + 1, end < 0 ? undefined : end);
  const names = new Set<string>();
  section.forEach((line, i) => {
    if (/^:\s/.test(section[i + 1] ?? '') && !/^:\s/.test(line)) {
      for (const name of optionNames(line)) names.add(name);
    }
  });
  return names;
}

function difference(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

test('there are executables to check', () => {
  expect(executables.length).toBeGreaterThan(0);
});

describe.each(executables)('%s', (name) => {
  test('--help and the OPTIONS section of its manual name the same options', async () => {
    const help = await runBin(name, ['--help']);
    expect(help.exitCode).toBe(0);
    const pageFile = join(REPO, 'docs', `${name}.8.md`);
    let page: string;
    try {
      page = readFileSync(pageFile, 'utf8');
    } catch {
      throw new Error(`bin/${name} has no manual page docs/${name}.8.md`);
    }
    const inHelp = helpOptions(help.stdout);
    const inPage = manOptions(page);
    expect(inHelp.size).toBeGreaterThan(0);
    expect({
      onlyInHelp: difference(inHelp, inPage),
      onlyInManual: difference(inPage, inHelp),
    }).toEqual({ onlyInHelp: [], onlyInManual: [] });
  }, 30_000);
});
