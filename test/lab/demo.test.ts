// `make demo` run as a test: demo/run.sh boots the lab, runs the suite on two directors and
// prints a summary; it exits non-zero when a step did not happen.
import { execa } from 'execa';
import { REPO } from '../support/run-bin.js';

let output = '';
let exitCode: number | undefined;

beforeAll(async () => {
  const run = await execa('bash', [`${REPO}demo/run.sh`], {
    reject: false,
    all: true,
    stdin: 'ignore',
    timeout: 600_000,
  });
  output = run.all ?? '';
  exitCode = run.exitCode;
}, 620_000);

test('the demo runs to its summary and exits 0', () => {
  expect(output).toContain('Summary (');
  expect(exitCode).toBe(0);
});

test('every step of the summary happened', () => {
  const summary = output.slice(output.indexOf('Summary ('));
  const rows = summary.split('\n').filter((line) => /^ {8}\S/.test(line) && !/^ +STEP /.test(line));
  expect(rows.length).toBeGreaterThanOrEqual(8);
  for (const row of rows) expect(row).toMatch(/ ok /);
});

test('it narrates live figures: the table, requests per server, the takeover gap', () => {
  expect(output).toContain('TCP  192.0.2.10:80 wlc');
  expect(output).toMatch(/answers per real server .*"rs1":\d+/);
  expect(output).toMatch(/client gap \d+\.\d s/);
});
