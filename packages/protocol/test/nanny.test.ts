import {
  decodeFromNanny,
  decodeLine,
  decodeToNanny,
  encodeLine,
  type FromNanny,
  type ToNanny,
} from '../src/index.js';

const report = { id: 'web:1', state: 'up', weight: null, reason: 'connect ok' } as const;

const fromNanny: readonly FromNanny[] = [
  { v: 1, type: 'hello', pid: 42, group: 'web' },
  { v: 1, type: 'report', ...report },
  { v: 1, type: 'report', id: 'x', state: 'down', weight: 3, reason: 'timeout' },
  { v: 1, type: 'status', reports: [report, { ...report, id: 'y', weight: 0.5 }] },
  { v: 1, type: 'status', reports: [] },
  { v: 1, type: 'error', id: 'web:2', message: 'bad argument --bogus' },
  { v: 1, type: 'error', id: null, message: 'assign with duplicate ids' },
];

const toNanny: readonly ToNanny[] = [
  { v: 1, type: 'assign', monitors: [] },
  { v: 1, type: 'assign', monitors: [{ id: 'a', argv: ['-c', '-h', '203.0.113.5'] }] },
];

test.each(fromNanny)('nanny message round trip %j', (message) => {
  expect(decodeLine(encodeLine(message).trimEnd(), decodeFromNanny)).toEqual({
    ok: true,
    value: message,
  });
});

test.each(toNanny)('lvsd message round trip %j', (message) => {
  expect(decodeLine(encodeLine(message), decodeToNanny)).toEqual({ ok: true, value: message });
});

test('extra fields are dropped, not kept', () => {
  const decoded = decodeFromNanny({ v: 1, type: 'hello', pid: 1, group: 'g', extra: true });
  expect(decoded).toEqual({ ok: true, value: { v: 1, type: 'hello', pid: 1, group: 'g' } });
});

test('status entries may carry v and type of their own', () => {
  const decoded = decodeFromNanny({
    v: 1,
    type: 'status',
    reports: [{ v: 1, type: 'report', ...report }],
  });
  expect(decoded).toEqual({ ok: true, value: { v: 1, type: 'status', reports: [report] } });
});

type Case = readonly [string, unknown, string, string];

const malformed: readonly Case[] = [
  ['not an object', [1], 'wrong-type', ''],
  ['null', null, 'wrong-type', ''],
  ['string', 'hello', 'wrong-type', ''],
  ['no v', { type: 'hello', pid: 1, group: 'g' }, 'missing-field', 'v'],
  ['v 2', { v: 2, type: 'hello', pid: 1, group: 'g' }, 'bad-version', 'v'],
  ['v "1"', { v: '1', type: 'hello', pid: 1, group: 'g' }, 'bad-version', 'v'],
  ['no type', { v: 1, pid: 1 }, 'missing-field', 'type'],
  ['type number', { v: 1, type: 3 }, 'wrong-type', 'type'],
  ['unknown type', { v: 1, type: 'assign', monitors: [] }, 'unknown-type', 'type'],
  ['proto type', { v: 1, type: 'constructor' }, 'unknown-type', 'type'],
  ['hello no pid', { v: 1, type: 'hello', group: 'g' }, 'missing-field', 'pid'],
  ['hello pid string', { v: 1, type: 'hello', pid: '1', group: 'g' }, 'wrong-type', 'pid'],
  ['hello pid fraction', { v: 1, type: 'hello', pid: 1.5, group: 'g' }, 'wrong-type', 'pid'],
  ['hello no group', { v: 1, type: 'hello', pid: 1 }, 'missing-field', 'group'],
  ['hello group null', { v: 1, type: 'hello', pid: 1, group: null }, 'wrong-type', 'group'],
  ['report no id', { v: 1, type: 'report', ...report, id: undefined }, 'missing-field', 'id'],
  ['report id number', { v: 1, type: 'report', ...report, id: 7 }, 'wrong-type', 'id'],
  ['report state', { v: 1, type: 'report', ...report, state: 'sideways' }, 'bad-value', 'state'],
  ['report state bool', { v: 1, type: 'report', ...report, state: true }, 'wrong-type', 'state'],
  ['report weight', { v: 1, type: 'report', ...report, weight: '3' }, 'wrong-type', 'weight'],
  [
    'report no weight',
    { v: 1, type: 'report', ...report, weight: undefined },
    'missing-field',
    'weight',
  ],
  ['report reason', { v: 1, type: 'report', ...report, reason: [] }, 'wrong-type', 'reason'],
  ['status reports', { v: 1, type: 'status', reports: {} }, 'wrong-type', 'reports'],
  ['status no reports', { v: 1, type: 'status' }, 'missing-field', 'reports'],
  ['status entry', { v: 1, type: 'status', reports: [report, 3] }, 'wrong-type', 'reports[1]'],
  [
    'status entry field',
    { v: 1, type: 'status', reports: [report, { ...report, state: 'x' }] },
    'bad-value',
    'reports[1].state',
  ],
  ['error id', { v: 1, type: 'error', id: 3, message: 'm' }, 'wrong-type', 'id'],
  ['error no id', { v: 1, type: 'error', message: 'm' }, 'missing-field', 'id'],
  ['error message', { v: 1, type: 'error', id: null, message: null }, 'wrong-type', 'message'],
];

test.each(malformed)('from nanny: %s', (_name, value, code, field) => {
  // JSON drops undefined members, as a peer's line would not have them.
  const decoded = decodeLine(JSON.stringify(value), decodeFromNanny);
  expect(decoded.ok).toBe(false);
  if (!decoded.ok) {
    expect([decoded.error.code, decoded.error.field]).toEqual([code, field]);
    expect(decoded.error.message.length).toBeGreaterThan(0);
  }
});

const assignMalformed: readonly Case[] = [
  ['hello to nanny', { v: 1, type: 'hello', pid: 1, group: 'g' }, 'unknown-type', 'type'],
  ['no monitors', { v: 1, type: 'assign' }, 'missing-field', 'monitors'],
  ['monitors object', { v: 1, type: 'assign', monitors: {} }, 'wrong-type', 'monitors'],
  [
    'monitor no id',
    { v: 1, type: 'assign', monitors: [{ argv: [] }] },
    'missing-field',
    'monitors[0].id',
  ],
  [
    'monitor id',
    { v: 1, type: 'assign', monitors: [{ id: 1, argv: [] }] },
    'wrong-type',
    'monitors[0].id',
  ],
  [
    'monitor no argv',
    { v: 1, type: 'assign', monitors: [{ id: 'a' }] },
    'missing-field',
    'monitors[0].argv',
  ],
  [
    'argv string',
    { v: 1, type: 'assign', monitors: [{ id: 'a', argv: '-h x' }] },
    'wrong-type',
    'monitors[0].argv',
  ],
  [
    'argv element',
    {
      v: 1,
      type: 'assign',
      monitors: [
        { id: 'a', argv: ['-h'] },
        { id: 'b', argv: ['-h', 5] },
      ],
    },
    'wrong-type',
    'monitors[1].argv[1]',
  ],
];

test.each(assignMalformed)('to nanny: %s', (_name, value, code, field) => {
  const decoded = decodeToNanny(JSON.parse(JSON.stringify(value)));
  expect(decoded.ok ? 'decoded' : [decoded.error.code, decoded.error.field]).toEqual([code, field]);
});

test.each(['', '{', '{"v":1,}', 'nul', '1e400x'])('bad JSON %j', (line) => {
  const decoded = decodeLine(line, decodeFromNanny);
  expect(decoded.ok ? 'decoded' : decoded.error.code).toBe('bad-json');
});

test('Infinity from a huge exponent is not a number we accept', () => {
  const decoded = decodeLine(
    '{"v":1,"type":"report","id":"a","state":"up","weight":1e400,"reason":""}',
    decodeFromNanny,
  );
  expect(decoded.ok ? 'decoded' : decoded.error.field).toBe('weight');
});
