import fc from 'fast-check';
import {
  formatMacBare,
  ipv4FromBytes,
  ipv4ToBytes,
  macFromBytes,
  macToBytes,
  parseIpv4,
  parseMac,
} from '@piranha-ts/net';
import { mac } from './helpers.js';

describe('parseMac', () => {
  test.each([
    ['001122aabbcc', '00:11:22:aa:bb:cc'],
    ['001122AABBCC', '00:11:22:aa:bb:cc'],
    ['00:11:22:AA:bb:Cc', '00:11:22:aa:bb:cc'],
    ['0011:22aa:bbcc', '00:11:22:aa:bb:cc'],
    ['00:11:22:aa:bb:cc:', '00:11:22:aa:bb:cc'],
    ['ffffffffffff', 'ff:ff:ff:ff:ff:ff'],
  ])('accepts %s', (input, canonical) => {
    expect(parseMac(input)).toEqual({ ok: true, mac: canonical });
  });

  test.each([
    ['', 'mac-too-short'],
    ['0011223344', 'mac-too-short'],
    ['00:11:22:33:44:5', 'mac-too-short'],
    ['0:11:22:33:44:55', 'mac-bad-digit'],
    ['00-11-22-33-44-55', 'mac-bad-digit'],
    ['00112233445g', 'mac-bad-digit'],
    ['00::11:22:33:44:55', 'mac-bad-digit'],
    ['0011223344556', 'mac-trailing-text'],
    ['00:11:22:33:44:55::', 'mac-trailing-text'],
    ['00:11:22:33:44:55 ', 'mac-trailing-text'],
  ])('refuses %j (%s)', (input, code) => {
    const parsed = parseMac(input);
    expect(parsed.ok ? 'parsed' : parsed.error).toMatchObject({ code, input });
  });

  test('bare form, as pulse passes it', () => {
    expect(formatMacBare(mac('02:00:5e:0a:bc:de'))).toBe('02005E0ABCDE');
  });

  test('bytes and back, and every bare or colon form parses to the same MAC', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (bytes) => {
        const m = macFromBytes(bytes);
        expect([...macToBytes(m)]).toEqual([...bytes]);
        expect(parseMac(formatMacBare(m))).toEqual({ ok: true, mac: m });
        expect(parseMac(m.toUpperCase())).toEqual({ ok: true, mac: m });
      }),
    );
  });
});

describe('parseIpv4', () => {
  test.each(['0.0.0.0', '192.0.2.10', '255.255.255.255', '203.0.113.7'])('accepts %s', (s) => {
    expect(parseIpv4(s)).toEqual({ ok: true, ip: s });
  });

  test.each([
    ['', 'ipv4-syntax'],
    ['192.0.2', 'ipv4-syntax'],
    ['192.0.2.1.5', 'ipv4-syntax'],
    ['010.0.0.1', 'ipv4-syntax'],
    ['0x0a.0.0.1', 'ipv4-syntax'],
    ['192.0.2.1 ', 'ipv4-syntax'],
    ['host.example', 'ipv4-syntax'],
    ['-1.0.0.0', 'ipv4-syntax'],
    ['256.0.0.1', 'ipv4-octet-range'],
    ['192.0.2.999', 'ipv4-octet-range'],
  ])('refuses %j (%s)', (input, code) => {
    const parsed = parseIpv4(input);
    expect(parsed.ok ? 'parsed' : parsed.error).toMatchObject({ code, input });
  });

  test('bytes and back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
        const ip = ipv4FromBytes(bytes);
        expect(parseIpv4(ip)).toEqual({ ok: true, ip });
        expect([...ipv4ToBytes(ip)]).toEqual([...bytes]);
      }),
    );
  });
});
