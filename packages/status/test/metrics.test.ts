import type { PulseStatus } from '@piranha-ts/protocol';
import type { StatusAnswers } from '../src/answers.js';
import { exposition } from '../src/exposition.js';
import { statusMetrics } from '../src/metrics.js';
import { bothAnswer, nothingRuns, pulseStatus } from './fixtures.js';

const scrape = (answers: StatusAnswers) => exposition(statusMetrics(answers));

/** The sample lines (no comments) of one scrape. */
function samples(answers: StatusAnswers): string[] {
  return scrape(answers)
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
}

test('an active router with lvsd: every metric', () => {
  const www = (name: string, n: number) =>
    `{service="web",server="${name}",address="198.51.100.${n}:80"}`;
  expect(samples(bothAnswer)).toEqual([
    'piranha_pulse_up 1',
    'piranha_pulse_active 1',
    'piranha_pulse_role{role="master"} 1',
    'piranha_pulse_partner_last_heard_seconds 0.4',
    'piranha_pulse_vips_held 2',
    'piranha_lvsd_up 1',
    'piranha_lvsd_table_in_sync 1',
    `piranha_real_server_up${www('www1', 10)} 1`,
    `piranha_real_server_up${www('www2', 11)} 0`,
    `piranha_real_server_weight${www('www1', 10)} 2`,
    `piranha_real_server_weight${www('www2', 11)} 0`,
    `piranha_real_server_weight${www('www3', 12)} 0`,
    'piranha_nanny_processes 1',
    'piranha_monitors 3',
  ]);
});

test('every family has HELP then TYPE gauge, once, before its samples', () => {
  const lines = scrape(bothAnswer).split('\n');
  const names = [...new Set(samples(bothAnswer).map((l) => /^[a-z_]+/.exec(l)?.[0]))];
  for (const name of names) {
    const help = lines.findIndex((l) => l.startsWith(`# HELP ${name} `));
    expect(lines[help + 1]).toBe(`# TYPE ${name} gauge`);
    expect(lines.filter((l) => l.startsWith(`# HELP ${name} `))).toHaveLength(1);
    expect(lines.findIndex((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))).toBe(
      help + 2,
    );
  }
  expect(scrape(bothAnswer).endsWith('\n')).toBe(true);
});

test('nothing running: only the up gauges, at 0', () => {
  expect(samples(nothingRuns)).toEqual(['piranha_pulse_up 0', 'piranha_lvsd_up 0']);
});

test('a partner never heard is +Inf; an inactive backup is 0 active', () => {
  const backup: PulseStatus = {
    ...pulseStatus,
    role: 'backup',
    state: 'inactive',
    partnerLastHeardMs: null,
  };
  const answers: StatusAnswers = {
    pulse: { kind: 'answered', status: backup },
    lvsd: { kind: 'failed', message: 'no reply in time' },
  };
  expect(samples(answers)).toEqual(
    expect.arrayContaining([
      'piranha_pulse_active 0',
      'piranha_pulse_role{role="backup"} 1',
      'piranha_pulse_partner_last_heard_seconds +Inf',
      'piranha_lvsd_up 0',
    ]),
  );
});
