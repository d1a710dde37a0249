// Table updates against a stand-in ipvsadm (a shell script that records each run and its
// stdin and prints a canned table for -Sn): which commands a health change and a reconcile run.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@piranha-ts/daemon';
import { parseSaveFormat, type IpvsTable } from '@piranha-ts/ipvs';
import { applyChange, reconcile } from '../src/reconcile.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** `-R` answers with `batchStderr`; `-Sn` prints `table`. */
function fakeIpvsadm(table: string, batchStderr = '') {
  const dir = mkdtempSync(join(tmpdir(), 'lvsd-ipvsadm-'));
  dirs.push(dir);
  const path = join(dir, 'ipvsadm');
  writeFileSync(join(dir, 'table'), table);
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `echo "run $*" >>${dir}/runs`,
      `[ "$1" = -Sn ] && exec cat ${dir}/table`,
      `[ "$1" = -R ] && { cat >>${dir}/runs; printf '%s' '${batchStderr}' >&2; }`,
      'exit 0',
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return { path, runs: () => readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n') };
}

function collectingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => void lines.push(m);
  return { lines, info: push, warn: push, error: push, debug: push };
}

const SAVED_11 = `-A -t 192.0.2.10:80 -s wlc
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 1
`;
const SAVED_11_12 = `${SAVED_11}-a -t 192.0.2.10:80 -r 198.51.100.12:80 -m -w 1
`;

function table(saved: string): IpvsTable {
  const parsed = parseSaveFormat(saved);
  if (!parsed.ok) throw new Error('bad table in the test');
  return parsed.table;
}

test('a health change runs only the difference from the table last applied, reading nothing', async () => {
  const ipvsadm = fakeIpvsadm(SAVED_11_12);
  const logger = collectingLogger();
  const report = await applyChange(ipvsadm.path, table(SAVED_11_12), table(SAVED_11), logger);
  expect(report).toEqual({ applied: 1, failed: 0, inSync: true });
  expect(ipvsadm.runs()).toEqual(['run -R', '-d -t 192.0.2.10:80 -r 198.51.100.12:80']);
});

test('a health change ipvsadm complains about is not in sync', async () => {
  const ipvsadm = fakeIpvsadm(SAVED_11_12, 'Memory allocation problem');
  const report = await applyChange(
    ipvsadm.path,
    table(SAVED_11_12),
    table(SAVED_11),
    collectingLogger(),
  );
  expect(report.inSync).toBe(false);
});

test('a reconcile reads the kernel, applies the difference and reads it again', async () => {
  const ipvsadm = fakeIpvsadm(SAVED_11_12);
  const logger = collectingLogger();
  const report = await reconcile(ipvsadm.path, table(SAVED_11), 'health', logger);
  expect(report.applied).toBe(1);
  expect(ipvsadm.runs()).toEqual([
    'run -Sn',
    'run -R',
    '-d -t 192.0.2.10:80 -r 198.51.100.12:80',
    'run -Sn',
  ]);
  // The stand-in's table did not change, so the verifying read still differs.
  expect(report.inSync).toBe(false);
  expect(logger.lines).toContain(
    'IPVS table still differs from the configuration in 1 entries; retrying later',
  );
});
