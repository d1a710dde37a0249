import { chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin, scratchConfigs } from '../../../test/support/run-bin.js';

const cf = scratchConfigs('pulse-cli-');

const service = 'virtual web {\n active = 1\n address = 192.0.2.80 eth0:1\n}\n';

test('--check on a valid file on the primary router', async () => {
  const file = await cf(
    'master.cf',
    `primary = 127.0.0.1\nbackup = 203.0.113.3\nbackup_active = 1\n${service}`,
  );
  const run = await runBin('pulse', ['--check', '-c', file]);
  expect(run).toMatchObject({ exitCode: 0, stderr: '' });
  expect(run.stdout).toBe(
    'pulse: STARTING PULSE AS MASTER\n' +
      `pulse: ${file} is valid: 1 active lvs service(s); this router is the primary (heartbeat on 127.0.0.1:539)`,
  );
});

test('--check on the backup router', async () => {
  const file = await cf(
    'backup.cf',
    `primary = 203.0.113.2\nbackup = 127.0.0.1\nbackup_active = 1\n${service}`,
  );
  const run = await runBin('pulse', ['--check', `--configfile=${file}`]);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain('STARTING PULSE AS BACKUP');
});

test('a backup marked inactive exits 255 as the original', async () => {
  const file = await cf('inactive.cf', `primary = 203.0.113.2\nbackup = 127.0.0.1\n${service}`);
  const run = await runBin('pulse', ['-t', '-n', '-c', file]);
  expect(run.exitCode).toBe(255);
  expect(run.stdout).toContain('We are backup node and backup is marked inactive -- exiting pulse');
});

test('no active service', async () => {
  const file = await cf('none.cf', 'primary = 127.0.0.1\n');
  const run = await runBin('pulse', ['-t', '-c', file]);
  expect(run).toMatchObject({
    exitCode: 1,
    stderr: `pulse: no active lvs services defined in ${file}`,
  });
});

test('a broken file: every error, original wording first, no stack trace', async () => {
  const file = await cf(
    'broken.cf',
    'primary = 127.0.0.1\nkeepalive = soon\nvirtual v {\n weight = 2\n}\n',
  );
  const run = await runBin('pulse', ['-t', '-c', file]);
  expect(run.exitCode).toBe(1);
  expect(run.stderr.split('\n')).toEqual([
    `pulse: error parsing ${file} on line 2 (2 errors):`,
    `${file}:2:13: keepalive: expected a number of seconds, got "soon"`,
    `${file}:4:2: weight: unknown command "weight" in a virtual block: it belongs in a server block`,
  ]);
});

test('bad options and arguments in the original wording', async () => {
  const missing = join(tmpdir(), 'pulse-cli-no-such-dir', 'missing.cf');
  expect(await runBin('pulse', ['--bogus'])).toMatchObject({
    exitCode: 1,
    stderr: 'pulse: bad argument --bogus: unknown option',
  });
  expect(await runBin('pulse', ['extra'])).toMatchObject({
    exitCode: 1,
    stderr: 'pulse: unexpected arguments',
  });
  expect(await runBin('pulse', ['-t', '-c', missing])).toMatchObject({
    exitCode: 1,
    stderr: `pulse: failed to open ${missing}: ENOENT`,
  });
});

test('--version prints three lines', async () => {
  const run = await runBin('pulse', ['--version']);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(
    /^Program Version:\tpulse \d+\.\d+\.\d+\nBuilt:\t\t\t\d\d\/\w{3}\/\d{4}\nA component of:\t\tpiranha-ts-/,
  );
});

test('a heartbeat key readable by others, or too short, is refused before anything starts', async () => {
  const file = await cf(
    'keyed.cf',
    `primary = 127.0.0.1\nbackup = 203.0.113.3\nbackup_active = 1\n${service}`,
  );
  const open = await cf('open.key', 'a shared secret of some length\n');
  const short = await cf('short.key', 'tiny\n');
  await chmod(short, 0o600);
  expect(await runBin('pulse', ['-t', '-n', '-c', file, '--heartbeat-key', open])).toMatchObject({
    exitCode: 1,
    stderr: `pulse: heartbeat key ${open} must not be readable by group or others`,
  });
  expect(await runBin('pulse', ['-t', '-n', '-c', file, '--heartbeat-key', short])).toMatchObject({
    exitCode: 1,
    stderr: `pulse: heartbeat key ${short} is shorter than 16 bytes`,
  });
});

test.each(['0', '100', '5.5', 'high'])('--rt-priority %s is refused', async (value) => {
  expect(await runBin('pulse', ['-t', '-n', '--rt-priority', value])).toMatchObject({
    exitCode: 1,
    stderr: `pulse: bad argument --rt-priority: expected a whole number from 1 to 99, got "${value}"`,
  });
});

test('service = fos is refused', async () => {
  const file = await cf(
    'fos.cf',
    'primary = 127.0.0.1\nservice = fos\nfailover f {\n active = 1\n address = 192.0.2.80 eth0:1\n}\n',
  );
  expect(await runBin('pulse', ['-t', '-n', '-c', file])).toMatchObject({
    exitCode: 1,
    stderr: 'pulse: service = fos (failover services) is not supported; use service = lvs',
  });
});
