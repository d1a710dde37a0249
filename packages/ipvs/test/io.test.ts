// The io edge against a stand-in ipvsadm (a small node script) that records its argv and
// stdin and answers from canned rules; no root and no kernel needed.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffOps, renderBatch, type IpvsOp, type IpvsTable } from '@piranha-ts/ipvs';
import { applyBatch, readTable, runOp, setTimeouts } from '@piranha-ts/ipvs/io';
import { TCP_WEB, dest, settings } from './helpers.js';

interface Rule {
  /** Applies when the argv joined by spaces starts with this. */
  readonly prefix: string;
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode?: number;
  /** Exits without reading its stdin, as ipvsadm -R does on a malformed line. */
  readonly ignoreStdin?: boolean;
}

interface Call {
  readonly args: readonly string[];
  readonly stdin: string;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fakeIpvsadm(rules: readonly Rule[]) {
  const dir = mkdtempSync(join(tmpdir(), 'fake-ipvsadm-'));
  dirs.push(dir);
  const path = join(dir, 'ipvsadm.cjs');
  const log = join(dir, 'calls.jsonl');
  const script = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const rules = ${JSON.stringify(rules)};
const rule = rules.find((r) => args.join(' ').startsWith(r.prefix)) || {};
const stdin = args[0] === '-R' && !rule.ignoreStdin ? fs.readFileSync(0, 'utf8') : '';
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, stdin }) + '\\n');
if (rule.stdout) process.stdout.write(rule.stdout);
if (rule.stderr) process.stderr.write(rule.stderr);
process.exit(rule.exitCode || 0);
`;
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  const calls = (): Call[] => {
    try {
      const lines = readFileSync(log, 'utf8').split('\n');
      return lines.filter((l) => l !== '').map((l) => JSON.parse(l) as Call);
    } catch {
      return [];
    }
  };
  return { path, calls };
}

const SAVED = `-A -t 192.0.2.10:80 -s wlc
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 1
`;

describe('readTable', () => {
  test('runs ipvsadm -Sn and parses what it prints', async () => {
    const fake = fakeIpvsadm([{ prefix: '-Sn', stdout: SAVED }]);
    const result = await readTable(fake.path);
    expect(result).toMatchObject({ ok: true, table: { services: [{ key: TCP_WEB }] } });
    expect(fake.calls()).toEqual([{ args: ['-Sn'], stdin: '' }]);
  });

  test('reports output it cannot parse', async () => {
    const fake = fakeIpvsadm([{ prefix: '-Sn', stdout: '-A -t nowhere -s rr\n' }]);
    expect(await readTable(fake.path)).toMatchObject({
      ok: false,
      parseErrors: [{ line: 1, code: 'invalid-address' }],
    });
  });

  test('reports a failing ipvsadm with its exit code and stderr', async () => {
    const stderr = "Can't initialize ipvs: Protocol not available";
    const fake = fakeIpvsadm([{ prefix: '-Sn', stderr: `${stderr}\n`, exitCode: 2 }]);
    expect(await readTable(fake.path)).toMatchObject({
      ok: false,
      failure: { kind: 'exit-status', exitCode: 2, stderr, message: stderr, args: ['-Sn'] },
    });
  });

  test('reports an ipvsadm that cannot be run', async () => {
    expect(await readTable('/nonexistent/ipvsadm')).toMatchObject({
      ok: false,
      failure: { kind: 'spawn-failed', exitCode: undefined },
    });
  });

  const HEADER =
    'IP Virtual Server version 1.2.1 (size=4096)\n' +
    'Prot LocalAddress:Port Scheduler Flags\n' +
    '  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n';

  function listing(text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'ip_vs-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'ip_vs'), text);
    return join(dir, 'ip_vs');
  }

  test('an empty kernel listing is an empty table, without running ipvsadm', async () => {
    const fake = fakeIpvsadm([{ prefix: '-Sn', stdout: SAVED }]);
    const result = await readTable(fake.path, { kernelListing: listing(HEADER) });
    expect(result).toEqual({ ok: true, table: { services: [] } });
    expect(fake.calls()).toEqual([]);
  });

  test.each([
    [
      'names a service',
      `${HEADER}TCP  C000020A:0050 wlc \n  -> C6336411:0050      Masq    1      0          0\n`,
    ],
    ['is not the kernel listing', 'something else\n'],
    ['is longer than its head', `${HEADER}${' '.repeat(5000)}\n`],
  ])('ipvsadm -Sn is run when the listing %s', async (_what, text) => {
    const fake = fakeIpvsadm([{ prefix: '-Sn', stdout: SAVED }]);
    const result = await readTable(fake.path, { kernelListing: listing(text) });
    expect(result).toMatchObject({ ok: true, table: { services: [{ key: TCP_WEB }] } });
    expect(fake.calls()).toEqual([{ args: ['-Sn'], stdin: '' }]);
  });

  test('ipvsadm -Sn is run when there is no kernel listing', async () => {
    const fake = fakeIpvsadm([{ prefix: '-Sn', stdout: SAVED }]);
    await readTable(fake.path, { kernelListing: '/nonexistent/ip_vs' });
    expect(fake.calls()).toEqual([{ args: ['-Sn'], stdin: '' }]);
  });
});

const addService: IpvsOp = { kind: 'add-service', service: settings() };
const addDest: IpvsOp = { kind: 'add-dest', service: TCP_WEB, dest: dest() };
const editDest: IpvsOp = { kind: 'edit-dest', service: TCP_WEB, dest: dest({ weight: 0 }) };
const deleteDest: IpvsOp = {
  kind: 'delete-dest',
  service: TCP_WEB,
  dest: { address: '198.51.100.11', port: 80 },
};

describe('runOp', () => {
  test('runs the op as one argv', async () => {
    const fake = fakeIpvsadm([]);
    expect(await runOp(fake.path, addDest)).toEqual({ ok: true, op: addDest, outcome: 'done' });
    expect(fake.calls()).toEqual([
      { args: ['-a', '-t', '192.0.2.10:80', '-r', '198.51.100.11:80', '-m', '-w', '1'], stdin: '' },
    ]);
  });

  test('"already exists" on an add and "not found" on a delete are done', async () => {
    const fake = fakeIpvsadm([
      { prefix: '-A', stderr: 'Service already exists\n', exitCode: 255 },
      { prefix: '-d', stderr: 'No such destination\n', exitCode: 255 },
    ]);
    expect(await runOp(fake.path, addService)).toMatchObject({ ok: true, outcome: 'already-done' });
    expect(await runOp(fake.path, deleteDest)).toMatchObject({ ok: true, outcome: 'already-done' });
  });

  test('"not found" on an edit is a failure', async () => {
    const fake = fakeIpvsadm([{ prefix: '-e', stderr: 'No such destination\n', exitCode: 255 }]);
    expect(await runOp(fake.path, editDest)).toMatchObject({
      ok: false,
      failure: { kind: 'exit-status', exitCode: 255, message: 'No such destination' },
    });
  });
});

describe('applyBatch', () => {
  const ops = [addService, addDest, editDest];

  test('sends every op to one ipvsadm -R', async () => {
    const fake = fakeIpvsadm([]);
    const result = await applyBatch(fake.path, ops);
    expect(result).toMatchObject({ ok: true, mode: 'batch' });
    expect(result.results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(fake.calls()).toEqual([{ args: ['-R'], stdin: renderBatch(ops) }]);
  });

  test('runs nothing for no ops', async () => {
    const fake = fakeIpvsadm([]);
    expect(await applyBatch(fake.path, [])).toEqual({ ok: true, mode: 'batch', results: [] });
    expect(await applyBatch(fake.path, diffOps(bigTable(3), bigTable(3)))).toEqual({
      ok: true,
      mode: 'batch',
      results: [],
    });
    expect(fake.calls()).toEqual([]);
  });

  /** `services` services of 4 destinations each: a batch of many chunks. */
  function bigTable(services: number): IpvsTable {
    return {
      services: Array.from({ length: services }, (_, i) => ({
        ...settings({
          key: { kind: 'address', protocol: 'tcp', address: '192.0.2.10', port: 10000 + i },
        }),
        destinations: [11, 12, 13, 14].map((host) => dest({ address: `198.51.100.${host}` })),
      })),
    };
  }

  test('a lazy batch of many chunks reaches ipvsadm whole and in order', async () => {
    const fake = fakeIpvsadm([]);
    const table = bigTable(1000);
    const result = await applyBatch(fake.path, diffOps({ services: [] }, table));
    expect(result).toMatchObject({ ok: true, mode: 'batch' });
    expect(result.results).toHaveLength(5000);
    expect(fake.calls()).toEqual([
      { args: ['-R'], stdin: renderBatch(diffOps({ services: [] }, table)) },
    ]);
  });

  test('an ipvsadm -R that stops reading early: every op, sent or not, is run alone', async () => {
    // More than a pipe holds, so most of the batch is never taken; a shell stand-in, as
    // 1500 runs of a node one would take minutes.
    const dir = mkdtempSync(join(tmpdir(), 'fake-ipvsadm-'));
    dirs.push(dir);
    const path = join(dir, 'ipvsadm');
    writeFileSync(
      path,
      `#!/bin/sh\n[ "$1" = -R ] && { echo "ipvsadm: line 1: invalid option" >&2; exit 2; }\necho "$*" >>${dir}/runs\n`,
    );
    chmodSync(path, 0o755);
    const table = bigTable(300);
    const result = await applyBatch(path, diffOps({ services: [] }, table));
    expect(result).toMatchObject({ ok: true, mode: 'per-op' });
    expect(result.results).toHaveLength(1500);
    const runs = readFileSync(join(dir, 'runs'), 'utf8');
    expect(runs).toBe(renderBatch(diffOps({ services: [] }, table)));
  }, 120_000);

  test('when the batch complains, runs each op alone to learn which failed', async () => {
    const fake = fakeIpvsadm([
      // -R exits with the status of its last line only: 0 here despite the message.
      { prefix: '-R', stderr: 'Destination already exists\n', exitCode: 0 },
      { prefix: '-a', stderr: 'Destination already exists\n', exitCode: 255 },
    ]);
    const result = await applyBatch(fake.path, ops);
    expect(result).toMatchObject({ ok: true, mode: 'per-op' });
    expect(result.results.map((r) => (r.ok ? r.outcome : 'failed'))).toEqual([
      'done',
      'already-done',
      'done',
    ]);
    expect(fake.calls().map((c) => c.args[0])).toEqual(['-R', '-A', '-a', '-e']);
  });

  test('reports the ops that really failed', async () => {
    const fake = fakeIpvsadm([
      { prefix: '-R', stderr: 'No such destination\n', exitCode: 255 },
      { prefix: '-e', stderr: 'No such destination\n', exitCode: 255 },
    ]);
    const result = await applyBatch(fake.path, ops);
    expect(result.ok).toBe(false);
    expect(result.results.filter((r) => !r.ok).map((r) => r.op)).toEqual([editDest]);
  });
});

test('setTimeouts runs ipvsadm --set', async () => {
  const fake = fakeIpvsadm([]);
  expect(await setTimeouts(fake.path, 900, 120, 300)).toMatchObject({ ok: true });
  expect(fake.calls()).toEqual([{ args: ['--set', '900', '120', '300'], stdin: '' }]);
});
