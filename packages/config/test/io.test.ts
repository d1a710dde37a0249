import { mkdtemp, readFile, readdir, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLvsCf, loadLvsCfText, writeFileAtomic } from '@piranha-ts/config/io';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lvscf-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hosts: Record<string, string> = { 'web1.example': '198.51.100.21' };
const resolveHost = async (name: string) => hosts[name];

test('a missing file is an open failure naming the file', async () => {
  const result = await loadLvsCf(join(dir, 'nope.cf'));
  expect(result).toEqual({
    ok: false,
    reason: 'open',
    message: `failed to open ${join(dir, 'nope.cf')}: ENOENT`,
  });
});

test('host names are resolved; the written model keeps them', async () => {
  const text =
    'primary = 192.0.2.2\nvirtual v {\n active = 1\n address = 192.0.2.10 eth0:1\n' +
    ' server a {\n  address = web1.example\n  active = 1\n }\n}\n';
  const result = await loadLvsCfText(text, { resolveHost });
  if (!result.ok) throw new Error(JSON.stringify(result));
  expect(result.config.virtuals[0]?.servers[0]?.address).toBe('198.51.100.21');
  expect(result.written.virtuals[0]?.servers[0]?.address).toBe('web1.example');
});

test('an unresolvable name is an error at its line and column', async () => {
  const text = 'primary = 192.0.2.2\nbackup = nowhere.example\n';
  const result = await loadLvsCfText(text, { resolveHost });
  expect(result).toMatchObject({
    ok: false,
    reason: 'parse',
    diagnostics: [{ code: 'invalid-argument', line: 2, column: 10, keyword: 'backup' }],
  });
});

test('validation runs on the resolved model', async () => {
  const server = (n: string, a: string) => ` server ${n} {\n  address = ${a}\n  active = 1\n }\n`;
  const text =
    'virtual v {\n active = 1\n address = 192.0.2.10 eth0:1\n' +
    server('a', 'web1.example') +
    server('b', '198.51.100.21') +
    '}\n';
  const result = await loadLvsCfText(text, { resolveHost });
  expect(result).toMatchObject({ ok: false, diagnostics: [{ code: 'duplicate-server', line: 9 }] });
});

test('atomic write replaces the file, keeps its mode and leaves no temporary file', async () => {
  const file = join(dir, 'lvs.cf');
  await writeFile(file, 'old\n');
  await chmod(file, 0o640);
  await writeFileAtomic(file, 'primary = 192.0.2.2\n');
  expect(await readFile(file, 'utf8')).toBe('primary = 192.0.2.2\n');
  expect((await stat(file)).mode & 0o777).toBe(0o640);
  expect(await readdir(dir)).toEqual(['lvs.cf']);
});

test('a new file gets mode 0660', async () => {
  const file = join(dir, 'new.cf');
  await writeFileAtomic(file, 'x\n');
  expect((await stat(file)).mode & 0o777).toBe(0o660);
});

test('a failed write leaves the old file intact', async () => {
  const file = join(dir, 'missing-dir', 'lvs.cf');
  await expect(writeFileAtomic(file, 'x\n')).rejects.toThrow();
  expect(await readdir(dir)).toEqual([]);
});
