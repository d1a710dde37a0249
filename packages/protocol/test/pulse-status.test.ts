import { decodeFromPulse, decodeLine, decodeToPulse, encodeLine } from '@piranha-ts/protocol';
import type { PulseStatus } from '@piranha-ts/protocol';

const status: PulseStatus = {
  v: 1,
  type: 'pulse-status',
  pid: 4242,
  role: 'backup',
  state: 'active',
  failures: ['link'],
  partnerLastHeardMs: null,
  lvsdPid: 4300,
  vips: ['203.0.113.100'],
};

test('a status request and its answer survive the framing', () => {
  expect(decodeLine(encodeLine({ v: 1, type: 'status' }).trim(), decodeToPulse)).toEqual({
    ok: true,
    value: { v: 1, type: 'status' },
  });
  expect(decodeLine(encodeLine(status).trim(), decodeFromPulse)).toEqual({
    ok: true,
    value: status,
  });
});

test('a status with a field of the wrong kind names the field', () => {
  const bad = { ...status, failures: ['disk'] };
  expect(decodeFromPulse(bad)).toMatchObject({ ok: false, error: { field: 'failures[0]' } });
  expect(decodeFromPulse({ ...status, partnerLastHeardMs: 1.5 })).toMatchObject({
    ok: false,
    error: { code: 'wrong-type', field: 'partnerLastHeardMs' },
  });
});

test('unknown requests are refused', () => {
  expect(decodeToPulse({ v: 1, type: 'restart' })).toMatchObject({
    ok: false,
    error: { code: 'unknown-type' },
  });
});
