import { parseCInteger, isIPv4, netmaskBits, parseServicesFile } from '@piranha-ts/config';
import {
  parseBoolean,
  parseHost,
  parseInteger,
  parseNetmask,
  parsePort,
  parseSeconds,
} from '../src/values.js';

describe('parseCInteger (strtol base 0, whole token)', () => {
  test.each([
    ['10', 10],
    ['0x1F', 31],
    ['0X10', 16],
    ['010', 8],
    ['0', 0],
    ['-5', -5],
    ['+7', 7],
  ])('%s is %d', (text, value) => expect(parseCInteger(text)).toBe(value));

  test.each(['08', '12abc', '', 'ten', '0x', '1.5', ' 1'])('%j is not an integer', (text) =>
    expect(parseCInteger(text)).toBeUndefined(),
  );
});

test('integers: type error versus range error', () => {
  expect(parseInteger('heavy', 0, 65535)).toEqual({
    ok: false,
    code: 'integer-expected',
    message: 'expected a non-negative integer, got "heavy"',
  });
  expect(parseInteger('70000', 0, 65535)).toMatchObject({ ok: false, code: 'out-of-range' });
  expect(parseInteger('-1', 0, 10)).toMatchObject({ ok: false, code: 'out-of-range' });
  expect(parseInteger('0x20', 0, 65535)).toEqual({ ok: true, value: 32 });
});

test('seconds accept decimals as an extension', () => {
  expect(parseSeconds('0.1', 0.01, 100)).toEqual({ ok: true, value: 0.1 });
  expect(parseSeconds('3', 0.01, 100)).toEqual({ ok: true, value: 3 });
  expect(parseSeconds('0.001', 0.01, 100)).toMatchObject({ ok: false, code: 'out-of-range' });
  expect(parseSeconds('fast', 0.01, 100)).toMatchObject({ ok: false, code: 'integer-expected' });
});

test('booleans are the numbers 0 and 1 only', () => {
  expect(parseBoolean('1')).toEqual({ ok: true, value: true });
  expect(parseBoolean('0')).toEqual({ ok: true, value: false });
  expect(parseBoolean('0x1')).toEqual({ ok: true, value: true });
  expect(parseBoolean('2')).toMatchObject({ ok: false, code: 'boolean-expected' });
  expect(parseBoolean('yes')).toMatchObject({ ok: false, code: 'boolean-expected' });
});

test('hosts: dotted quads and names; 0.0.0.0 refused where the original refused it', () => {
  expect(parseHost('192.0.2.1', true)).toEqual({ ok: true, value: '192.0.2.1' });
  expect(parseHost('web1.example', true)).toEqual({ ok: true, value: 'web1.example' });
  expect(parseHost('0.0.0.0', false)).toEqual({ ok: true, value: '0.0.0.0' });
  expect(parseHost('0.0.0.0', true)).toMatchObject({ ok: false, code: 'invalid-host' });
  expect(parseHost('192.0.2', false)).toMatchObject({ ok: false, code: 'invalid-argument' });
  expect(parseHost('192.0.2.256', false)).toMatchObject({ ok: false, code: 'invalid-argument' });
  expect(parseHost('bad_name!', false)).toMatchObject({ ok: false, code: 'invalid-argument' });
  expect(isIPv4('203.0.113.7')).toBe(true);
});

test('netmasks must be contiguous dotted quads', () => {
  expect(parseNetmask('255.255.255.0')).toEqual({ ok: true, value: '255.255.255.0' });
  expect(parseNetmask('255.255.254.0')).toEqual({ ok: true, value: '255.255.254.0' });
  expect(parseNetmask('255.255.0')).toMatchObject({ ok: false, code: 'bad-subnet-mask' });
  expect(parseNetmask('255.0.255.0')).toMatchObject({ ok: false, code: 'bad-subnet-mask' });
  expect(netmaskBits('255.255.254.0')).toBe(23);
  expect(netmaskBits('0.0.0.0')).toBe(0);
  expect(netmaskBits('255.255.255.255')).toBe(32);
});

test('ports: numbers, service names where allowed, range', () => {
  const lookup = (name: string) => (name === 'http' ? 80 : undefined);
  expect(parsePort('8080', lookup)).toEqual({ ok: true, value: 8080 });
  expect(parsePort('http', lookup)).toEqual({ ok: true, value: 80 });
  expect(parsePort('gopherx', lookup)).toMatchObject({ ok: false, code: 'invalid-argument' });
  expect(parsePort('http', undefined)).toMatchObject({ ok: false, code: 'integer-expected' });
  expect(parsePort('70000', lookup)).toMatchObject({ ok: false, code: 'out-of-range' });
});

test('services(5) parsing keeps tcp entries and aliases', () => {
  const lookup = parseServicesFile(
    'http\t80/tcp www # WorldWideWeb\nhttp 80/udp\ndomain 53/udp\nftp 21/tcp\n# x 1/tcp\n',
  );
  expect(lookup('http')).toBe(80);
  expect(lookup('www')).toBe(80);
  expect(lookup('ftp')).toBe(21);
  expect(lookup('domain')).toBeUndefined();
  expect(lookup('x')).toBeUndefined();
});
