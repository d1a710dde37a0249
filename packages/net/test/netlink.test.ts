import {
  decodeAddress,
  decodeMessages,
  encodeAddressChange,
  encodeAddressDump,
  errorCode,
  NLMSG_DONE,
  NLMSG_ERROR,
} from '@piranha-ts/net';
import { ip } from './helpers.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

describe('requests, byte by byte as iproute2 sends them', () => {
  test('ip addr add 203.0.113.100/24 brd 203.0.113.255 dev (4) label eth0:1', () => {
    const request = encodeAddressChange(
      {
        kind: 'add',
        interfaceIndex: 4,
        address: ip('203.0.113.100'),
        prefixLength: 24,
        broadcast: ip('203.0.113.255'),
        label: 'eth0:1',
      },
      7,
    );
    expect(hex(request)).toBe(
      hex(
        bytes(`
          3c000000 1400 0506 07000000 00000000
          02 18 00 00 04000000
          0800 0200 cb007164
          0800 0100 cb007164
          0800 0400 cb0071ff
          0b00 0300 6574 6830 3a31 0000`),
      ),
    );
  });

  test('ip addr del 192.0.2.10/32 dev (9): no broadcast, no label, no create flags', () => {
    const request = encodeAddressChange(
      { kind: 'delete', interfaceIndex: 9, address: ip('192.0.2.10'), prefixLength: 32 },
      1,
    );
    expect(hex(request)).toBe(
      hex(
        bytes(`
          28000000 1500 0500 01000000 00000000
          02 20 00 00 09000000
          0800 0200 c000020a
          0800 0100 c000020a`),
      ),
    );
  });

  test('the IPv4 address dump', () => {
    expect(hex(encodeAddressDump(3))).toBe(
      hex(bytes('18000000 1600 0103 03000000 00000000 02 00 00 00 00000000')),
    );
  });
});

describe("the kernel's answers", () => {
  /** An RTM_NEWADDR as the kernel dumps it: flags and cache info among the attributes. */
  const newaddr = (seq: number) =>
    bytes(`
      58000000 1400 0200 ${Buffer.from(Uint32Array.of(seq).buffer).toString('hex')} 00000000
      02 18 80 00 04000000
      0800 0100 cb007164
      0800 0200 cb007164
      0800 0400 cb0071ff
      0b00 0300 6574 6830 3a31 0000
      0800 0800 80000000
      1400 0600 ffffffff ffffffff 10000000 10000000`);

  test('an address of a dump: index, address, prefix, broadcast, label', () => {
    const [msg] = decodeMessages(newaddr(5));
    expect(msg).toMatchObject({ type: 20, seq: 5 });
    expect(msg && decodeAddress(msg)).toEqual({
      interfaceIndex: 4,
      address: '203.0.113.100',
      prefixLength: 24,
      broadcast: '203.0.113.255',
      label: 'eth0:1',
    });
  });

  test('several messages in one datagram, the last one NLMSG_DONE', () => {
    const done = bytes('14000000 0300 0200 05000000 00000000 00000000');
    const datagram = new Uint8Array([...newaddr(5), ...newaddr(5), ...done]);
    expect(decodeMessages(datagram).map((m) => m.type)).toEqual([20, 20, NLMSG_DONE]);
  });

  test('a truncated tail is dropped, not misread', () => {
    const whole = newaddr(5);
    expect(decodeMessages(whole.subarray(0, whole.length - 1))).toEqual([]);
    expect(decodeMessages(bytes('ff000000 1400'))).toEqual([]);
  });

  test('an acknowledgement is errno 0, a refusal its positive errno', () => {
    const ack = decodeMessages(
      bytes('24000000 0200 0001 07000000 00000000 00000000 3c000000 1400 0506 07000000 00000000'),
    )[0];
    const exists = decodeMessages(
      bytes('24000000 0200 0000 07000000 00000000 efffffff 3c000000 1400 0506 07000000 00000000'),
    )[0];
    expect(ack?.type).toBe(NLMSG_ERROR);
    expect(ack && errorCode(ack)).toBe(0);
    expect(exists && errorCode(exists)).toBe(17);
  });

  test('not an IPv4 address: undefined', () => {
    const [msg] = decodeMessages(newaddr(5));
    if (msg === undefined) throw new Error('no message');
    const v6 = new Uint8Array(msg.payload);
    v6[0] = 10;
    expect(decodeAddress({ ...msg, payload: v6 })).toBeUndefined();
    expect(decodeAddress({ ...msg, type: 21 })).toBeUndefined();
  });
});
