import type { LvsdStatus, PulseStatus } from '@piranha-ts/protocol';
import {
  answerOf,
  exitStatus,
  jsonReport,
  type DaemonAnswer,
  type StatusAnswers,
} from '../src/answers.js';
import { bothAnswer, lvsdStatus, nothingRuns, pulseStatus } from './fixtures.js';

const pulseUp: DaemonAnswer<PulseStatus> = { kind: 'answered', status: pulseStatus };
const lvsdUp: DaemonAnswer<LvsdStatus> = { kind: 'answered', status: lvsdStatus };
const absent = { kind: 'not-running' } as const;
const failed = { kind: 'failed', message: 'no reply in time' } as const;

test('socket results become answers', () => {
  expect(answerOf({ ok: true, value: pulseStatus })).toEqual(pulseUp);
  expect(
    answerOf({ ok: true, value: { v: 1, type: 'error', message: 'pulse is starting' } }),
  ).toEqual({ kind: 'failed', message: 'pulse is starting' });
  expect(answerOf({ ok: false, error: { code: 'not-running', message: 'p: ENOENT' } })).toEqual(
    absent,
  );
  expect(answerOf({ ok: false, error: { code: 'connect-failed', message: 'p: EACCES' } })).toEqual({
    kind: 'failed',
    message: 'p: EACCES',
  });
});

test.each<[string, StatusAnswers, number]>([
  ['pulse and lvsd answer', bothAnswer, 0],
  ['pulse answers, lvsd does not run (backup)', { pulse: pulseUp, lvsd: absent }, 0],
  ['pulse answers, lvsd fails', { pulse: pulseUp, lvsd: failed }, 0],
  ['lvsd alone answers', { pulse: absent, lvsd: lvsdUp }, 0],
  ['nothing runs', nothingRuns, 3],
  ['pulse fails', { pulse: failed, lvsd: lvsdUp }, 1],
  ['pulse does not run, lvsd fails', { pulse: absent, lvsd: failed }, 1],
])('%s: exit %d', (_name, answers, status) => {
  expect(exitStatus(answers)).toBe(status);
});

test('--json: each answer, or null', () => {
  expect(jsonReport(bothAnswer)).toEqual({ pulse: pulseStatus, lvsd: lvsdStatus });
  expect(jsonReport({ pulse: failed, lvsd: absent })).toEqual({ pulse: null, lvsd: null });
});
