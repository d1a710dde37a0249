import fc from 'fast-check';
import {
  ARP_FRAME_LENGTH,
  BROADCAST_MAC,
  decodeArpFrame,
  encodeArpFrame,
  ipv4FromBytes,
  macFromBytes,
  sendArpFrame,
  type ArpFrame,
} from '@piranha-ts/net';
import { ip, mac } from './helpers.js';

const vip = ip('192.0.2.10');
const ownMac = mac('02:00:5e:10:00:01');
const deviceBroadcast = ip('192.0.2.255');

/** Written out by hand from section 8.2 of the reference, one line per field. */
function expectedFrame(targetHw: readonly number[], targetIp: readonly number[]): Uint8Array {
  return Uint8Array.from([
    ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // Ethernet destination: TARGET_MAC
    ...[0x02, 0x00, 0x5e, 0x10, 0x00, 0x01], // Ethernet source: SRC_MAC
    ...[0x08, 0x06], // EtherType ARP
    ...[0x00, 0x01], // hardware type Ethernet
    ...[0x08, 0x00], // protocol type IPv4
    ...[0x06], // hardware address length
    ...[0x04], // protocol address length
    ...[0x00, 0x02], // operation: reply
    ...[0x02, 0x00, 0x5e, 0x10, 0x00, 0x01], // sender hardware address: SRC_MAC
    ...[0xc0, 0x00, 0x02, 0x0a], // sender protocol address: SRC_IP
    ...targetHw,
    ...targetIp,
    ...new Array<number>(18).fill(0), // padding
  ]);
}

test('the default (RFC 2002) frame, byte by byte', () => {
  const frame = sendArpFrame({ sourceIp: vip, sourceMac: ownMac, targetMac: BROADCAST_MAC });
  const bytes = encodeArpFrame(frame);
  expect(bytes.length).toBe(ARP_FRAME_LENGTH);
  expect([...bytes]).toEqual([
    ...expectedFrame([0x02, 0x00, 0x5e, 0x10, 0x00, 0x01], [0xc0, 0x00, 0x02, 0x0a]),
  ]);
});

test('the V05 frame targets TARGET_IP and TARGET_MAC, byte by byte', () => {
  const frame = sendArpFrame({
    form: 'v05',
    sourceIp: vip,
    sourceMac: ownMac,
    targetIp: deviceBroadcast,
    targetMac: BROADCAST_MAC,
  });
  expect([...encodeArpFrame(frame)]).toEqual([
    ...expectedFrame([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0xc0, 0x00, 0x02, 0xff]),
  ]);
});

test('the Ethernet destination is TARGET_MAC in both forms', () => {
  const unicast = mac('02:00:5e:99:88:77');
  const request = { sourceIp: vip, sourceMac: ownMac, targetMac: unicast };
  expect(sendArpFrame(request).ethernetDestination).toBe(unicast);
  expect(sendArpFrame({ ...request, form: 'v05', targetIp: vip }).ethernetDestination).toBe(
    unicast,
  );
});

const macArb = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((bytes) => macFromBytes(bytes));
const ipArb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes) => ipv4FromBytes(bytes));
const frameArb: fc.Arbitrary<ArpFrame> = fc.record({
  ethernetDestination: macArb,
  ethernetSource: macArb,
  operation: fc.integer({ min: 0, max: 0xffff }),
  senderMac: macArb,
  senderIp: ipArb,
  targetMac: macArb,
  targetIp: ipArb,
});

test('decode(encode(frame)) = frame', () => {
  fc.assert(
    fc.property(frameArb, (frame) => {
      expect(decodeArpFrame(encodeArpFrame(frame))).toEqual({ ok: true, frame });
    }),
  );
});

test('every encoded frame is 60 bytes with 18 zero bytes of padding', () => {
  fc.assert(
    fc.property(frameArb, (frame) => {
      const bytes = encodeArpFrame(frame);
      expect(bytes.length).toBe(60);
      expect([...bytes.subarray(42)]).toEqual(new Array<number>(18).fill(0));
    }),
  );
});

test('the RFC 2002 form repeats the sender in the target fields', () => {
  fc.assert(
    fc.property(ipArb, macArb, macArb, (sourceIp, sourceMac, targetMac) => {
      const frame = sendArpFrame({ sourceIp, sourceMac, targetMac });
      expect(frame).toMatchObject({ targetIp: sourceIp, targetMac: sourceMac, operation: 2 });
    }),
  );
});

describe('decoding what is not our kind of frame', () => {
  const good = encodeArpFrame(
    sendArpFrame({ sourceIp: vip, sourceMac: ownMac, targetMac: BROADCAST_MAC }),
  );

  function patched(offset: number, value: number): Uint8Array {
    const copy = Uint8Array.from(good);
    copy[offset] = value;
    return copy;
  }

  test('a frame without padding (as captured on the sender) decodes', () => {
    expect(decodeArpFrame(good.subarray(0, 42)).ok).toBe(true);
  });

  test('a decoder reading from the middle of a buffer', () => {
    const buffer = new Uint8Array(100);
    buffer.set(good, 20);
    expect(decodeArpFrame(buffer.subarray(20, 80))).toEqual(decodeArpFrame(good));
  });

  test.each([
    ['too short', good.subarray(0, 41), 'too-short'],
    ['IPv4, not ARP', patched(13, 0x00), 'not-arp'],
    ['hardware type 6', patched(15, 6), 'not-ethernet-ipv4'],
    ['protocol type 0x86dd', patched(16, 0x86), 'not-ethernet-ipv4'],
    ['hardware length 8', patched(18, 8), 'not-ethernet-ipv4'],
    ['protocol length 16', patched(19, 16), 'not-ethernet-ipv4'],
  ])('%s', (_name, bytes, code) => {
    const decoded = decodeArpFrame(bytes);
    expect(decoded.ok ? 'decoded' : decoded.error.code).toBe(code);
  });
});
