// Every manual page in docs/ (NAME.SECTION.md) converts to roff with tools/md2man.mjs, has the
// NAME and SYNOPSIS sections, and man(1) formats it without errors.
import { execa } from 'execa';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../support/run-bin.js';

const pages = (await readdir(join(REPO, 'docs'))).filter((f) => /\.[1-8]\.md$/.test(f)).sort();
let out = '';

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'man-pages-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

test('there are manual pages', () => {
  expect(pages).toEqual(expect.arrayContaining(['lvs.cf.5.md', 'pulse.8.md', 'lvsd.8.md']));
});

describe.each(pages)('%s', (page) => {
  const [name, section] = [page.replace(/\.\d\.md$/, ''), page.replace(/^.*\.(\d)\.md$/, '$1')];
  const roffFile = () => join(out, `${name}.${section}`);

  test('converts, with a title line and the NAME and SYNOPSIS sections', async () => {
    const run = await execa(
      process.execPath,
      [join(REPO, 'tools/md2man.mjs'), '-o', out, join(REPO, 'docs', page)],
      { reject: false, env: { SOURCE_DATE_EPOCH: '0' } },
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const roff = await readFile(roffFile(), 'utf8');
    expect(roff).toMatch(
      new RegExp(`^\\.TH "${name.toUpperCase()}" "${section}" "1970-01-01" "piranha-ts `, 'm'),
    );
    expect(roff).toMatch(/^\.SH "NAME"\n.* \\- \S/m);
    expect(roff).toMatch(/^\.SH "SYNOPSIS"$/m);
    // No text line may start a roff request by accident.
    const requests = roff.split('\n').filter((l) => /^[.']/.test(l));
    for (const line of requests) expect(line).toMatch(/^(\.[A-Za-z]{1,2}\b|'\\" t$|\.$)/);
  }, 30_000);

  test('man -l formats it without errors', async () => {
    const run = await execa('man', ['-l', roffFile()], {
      reject: false,
      env: { MANWIDTH: '100', MAN_KEEP_FORMATTING: '', LC_ALL: 'C.UTF-8' },
    });
    expect(run.exitCode).toBe(0);
    // Layout warnings (a long word in a narrow table column) depend on the width; any other
    // complaint means the roff is wrong.
    const layout = /can't break line|cannot adjust line|will not fit on one page/;
    const complaints = run.stderr.split('\n').filter((l) => l !== '' && !layout.test(l));
    expect(complaints).toEqual([]);
    expect(run.stdout).toMatch(/^NAME\n\s+\S/m);
    expect(run.stdout).toMatch(/^SYNOPSIS\n\s+\S/m);
  }, 30_000);
});
