import { argvKey, planAssign, sameReport, wireReport } from '../src/group-plan.js';

const a = { id: 'a', argv: ['-h', '203.0.113.1'] };
const b = { id: 'b', argv: ['-h', '203.0.113.2'] };

test('an assign keeps unchanged monitors, restarts changed ones, stops missing ones', () => {
  const running = new Map([
    ['a', argvKey(a.argv)],
    ['b', argvKey(['-h', '203.0.113.9'])],
    ['c', argvKey(['-h', '203.0.113.3'])],
  ]);
  const plan = planAssign(running, [a, b, { id: 'd', argv: [] }]);
  expect(plan.keep).toEqual(['a']);
  expect(plan.stop).toEqual(['b', 'c']);
  expect(plan.start.map((m) => m.id)).toEqual(['b', 'd']);
  expect(plan.duplicates).toEqual([]);
});

test('an id given twice runs once and is reported', () => {
  const plan = planAssign(new Map(), [a, { ...a, argv: ['x'] }]);
  expect(plan.start).toEqual([a]);
  expect(plan.duplicates).toEqual(['a']);
});

test('argv identity is exact (no splitting or joining)', () => {
  expect(argvKey(['-s', 'a b'])).not.toBe(argvKey(['-s', 'a', 'b']));
});

test('reports on the wire', () => {
  const warn = { level: 'warn', message: 'CONNECT to 203.0.113.1:80 timed out' } as const;
  const info = { level: 'info', message: '[inactive] shutting down 203.0.113.1:80' } as const;
  expect(wireReport('a', { status: 'down' }, false, [warn, info], 'transition')).toEqual({
    id: 'a',
    state: 'down',
    weight: null,
    reason: warn.message,
  });
  expect(wireReport('a', { status: 'up', weight: 2 }, true, [], 'signal')).toEqual({
    id: 'a',
    state: 'up',
    weight: 2,
    reason: 'signal',
  });
  expect(
    wireReport('a', { status: 'weight', weight: 0 }, false, [info], 'transition'),
  ).toMatchObject({
    state: 'down',
    weight: 0,
    reason: info.message,
  });
  expect(wireReport('a', { status: 'weight', weight: 8 }, true, [], 'slow-start').state).toBe('up');
  const up = wireReport('a', { status: 'up', weight: 2 }, true, [], 'transition');
  expect(sameReport(undefined, up)).toBe(false);
  expect(sameReport(up, { ...up, reason: 'other' })).toBe(true);
  expect(sameReport(up, { ...up, weight: 3 })).toBe(false);
});
