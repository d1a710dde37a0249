#!/usr/bin/env node
// Converts our manual pages from markdown (docs/NAME.SECTION.md) to roff for man(1).
// It handles the subset those pages use: a `# name(section)` title, `##`/`###` headings,
// paragraphs, definition lists (a term line, then `: description`), `-` and `1.` lists,
// fenced code blocks and pipe tables, with `code`, **bold**, *italic* and [links](url) inline.
//
// Usage: node tools/md2man.mjs [-o OUTDIR] FILE.md...   (writes OUTDIR/NAME.SECTION, default .)
// The date is SOURCE_DATE_EPOCH when set, otherwise the markdown file's modification time.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SECTION_TITLES = {
  1: 'User Commands',
  5: 'File Formats Manual',
  8: 'System Manager\u2019s Manual',
};

/** Escapes text for roff: backslashes, and a leading dot or quote that would start a request. */
function escapeText(text) {
  return text.replace(/\\/g, '\\e');
}

function escapeLiteral(text) {
  return escapeText(text).replace(/-/g, '\\-');
}

function protectLineStart(line) {
  return /^[.']/.test(line) ? `\\&${line}` : line;
}

/** Inline markup to roff fonts. Code spans are literal: nothing inside them is markup. */
export function inline(text) {
  const spans = [];
  const hold = (roff) => {
    spans.push(roff);
    return `\u0000${spans.length - 1}\u0000`;
  };
  let out = text.replace(/`([^`]+)`/g, (_, code) => hold(`\\fB${escapeLiteral(code)}\\fR`));
  out = out.replace(/\\([\\`*_|[\]])/g, (_, ch) => hold(escapeText(ch)));
  out = escapeText(out);
  out = out.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1');
  out = out.replace(/\*\*([^*]+)\*\*/g, '\\fB$1\\fR');
  out = out.replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?![\w*])/g, '$1\\fI$2\\fR');
  out = out.replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1\\fI$2\\fR');
  return out.replace(/\u0000(\d+)\u0000/g, (_, i) => spans[Number(i)]);
}

/** Paragraph text: inline markup (a code span may cross lines), one roff line per line. */
function textLines(lines) {
  const text = inline(lines.map((line) => line.trim()).join('\n'));
  return text.split('\n').map(protectLineStart);
}

function splitRow(line) {
  const cells = [];
  let cell = '';
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (body[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += body[i];
    }
  }
  cells.push(cell.trim());
  return cells;
}

/** A pipe table as tbl(1) input; the column with the longest text takes the spare width. */
function table(lines) {
  const rows = lines.filter((l) => !/^\s*\|?\s*:?-{3,}/.test(l)).map(splitRow);
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(...rows.map((r) => (r[c] ?? '').length)),
  );
  // A table that fits a terminal keeps its cells on one line; a wider one wraps them.
  const wraps = widths.reduce((sum, w) => sum + w + 3, 0) > 72;
  const widest = widths.indexOf(Math.max(...widths));
  const spec = (font) =>
    widths.map((_, c) => `l${font}${wraps && c === widest ? 'x' : ''}`).join(' ');
  const cell = (text) =>
    wraps ? `T{\n${protectLineStart(inline(text))}\nT}` : protectLineStart(inline(text));
  const [header, ...body] = rows;
  // Left-aligned cells: justified text in narrow columns leaves wide gaps.
  return [
    '.na',
    '.TS',
    `${spec('b')}`,
    `${spec('')}.`,
    (header ?? []).map(cell).join('\t'),
    '_',
    ...body.map((r) => widths.map((_, c) => cell(r[c] ?? '')).join('\t')),
    '.TE',
    '.ad',
  ];
}

function codeBlock(lines) {
  return [
    '.PP',
    '.RS 4',
    '.nf',
    ...lines.map((l) => protectLineStart(escapeLiteral(l))),
    '.fi',
    '.RE',
  ];
}

const LIST_ITEM = /^(\s*)(-|\*|\d+\.)\s+(.*)$/;

/** Converts one page. Returns the roff text and the page's name and section from its title. */
export function markdownToMan(markdown, { version, date }) {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  let name = '';
  let section = '';
  let heading = '';
  let usesTables = false;
  let i = 0;
  const blank = (l) => l === undefined || l.trim() === '';
  const startsBlock = (l) =>
    /^#{1,6}\s/.test(l) || /^```/.test(l) || /^\s*\|/.test(l) || LIST_ITEM.test(l);

  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) {
      i++;
      continue;
    }
    let m;
    if ((m = /^#\s+(.+?)\((\d\w*)\)\s*$/.exec(line))) {
      name = m[1].trim();
      section = m[2];
      const title = SECTION_TITLES[section[0]] ?? '';
      out.push(
        `.TH "${name.toUpperCase()}" "${section}" "${date}" "piranha-ts ${version}" "${title}"`,
      );
      i++;
    } else if ((m = /^##\s+(.+)$/.exec(line))) {
      heading = m[1].trim().toUpperCase();
      out.push(`.SH "${escapeText(heading)}"`);
      i++;
    } else if ((m = /^#{3,6}\s+(.+)$/.exec(line))) {
      out.push(`.SS "${escapeText(m[1].trim())}"`);
      i++;
    } else if (/^```/.test(line)) {
      const body = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i])) body.push(lines[i++]);
      i++;
      out.push(...codeBlock(body));
    } else if (/^\s*\|/.test(line)) {
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(lines[i++]);
      out.push('.PP', ...table(rows));
      usesTables = true;
    } else if (LIST_ITEM.test(line)) {
      while (i < lines.length && LIST_ITEM.test(lines[i])) {
        const [, indent, marker, first] = LIST_ITEM.exec(lines[i]);
        const item = [first];
        i++;
        while (!blank(lines[i]) && !LIST_ITEM.test(lines[i]) && !startsBlock(lines[i])) {
          item.push(lines[i++]);
        }
        while (blank(lines[i]) && LIST_ITEM.test(lines[i + 1] ?? '')) i++;
        const bullet = /\d/.test(marker) ? marker : '\\(bu';
        const nested = indent.length > 0;
        if (nested) out.push('.RS 4');
        out.push(`.IP ${bullet} ${/\d/.test(marker) ? 4 : 2}`, ...textLines(item));
        if (nested) out.push('.RE');
      }
    } else if (!blank(lines[i + 1]) && /^:\s/.test(lines[i + 1])) {
      const term = line;
      const description = [lines[i + 1].replace(/^:\s+/, '')];
      i += 2;
      while (!blank(lines[i]) && !startsBlock(lines[i]) && !/^:\s/.test(lines[i])) {
        if (!blank(lines[i + 1]) && /^:\s/.test(lines[i + 1])) break;
        description.push(lines[i++]);
      }
      out.push('.TP', ...textLines([term]), ...textLines(description));
    } else {
      const paragraph = [];
      while (!blank(lines[i]) && !startsBlock(lines[i])) {
        if (paragraph.length > 0 && /^:\s/.test(lines[i + 1] ?? '')) break;
        paragraph.push(lines[i++]);
      }
      let text = textLines(paragraph);
      // whatis(1) reads "name \- description" from the NAME section.
      if (heading === 'NAME') text = text.map((l) => l.replace(/ - /, ' \\- '));
      out.push('.PP', ...text);
    }
  }
  if (name === '' || section === '') throw new Error('no "# name(section)" title line');
  // A paragraph right after a heading needs no paragraph break of its own.
  const body = out.filter((l, k) => !(l === '.PP' && /^\.S[HS] /.test(out[k - 1] ?? '')));
  // The first line tells man(1) to run the page through tbl(1).
  const preamble = usesTables ? ['\'\\" t'] : [];
  return { name, section, roff: [...preamble, ...body].join('\n') + '\n' };
}

async function packageVersion() {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

async function pageDate(file) {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const when = epoch ? new Date(Number(epoch) * 1000) : (await stat(file)).mtime;
  return when.toISOString().slice(0, 10);
}

async function cli(argv) {
  let outDir = '.';
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-o') outDir = argv[++i] ?? '.';
    else files.push(argv[i]);
  }
  if (files.length === 0) {
    process.stderr.write('usage: md2man.mjs [-o OUTDIR] FILE.md...\n');
    return 1;
  }
  const version = await packageVersion();
  await mkdir(outDir, { recursive: true });
  for (const file of files) {
    try {
      const page = markdownToMan(await readFile(file, 'utf8'), {
        version,
        date: await pageDate(file),
      });
      await writeFile(join(outDir, `${page.name}.${page.section}`), page.roff);
    } catch (error) {
      process.stderr.write(`md2man: ${basename(file)}: ${error.message}\n`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await cli(process.argv.slice(2));
}
