import {
  announcementPlan,
  BROADCAST_MAC,
  decodeArpFrame,
  encodeArpFrame,
  gratuitousArpFrame,
  parseIpv4,
  parseMac,
  sendArpFrame,
  addressDownChange,
  addressUpChange,
  describeChange,
  subnetBroadcast,
  baseDevice,
  floatingPrefixLength,
  sendArpArgv,
} from '@piranha-ts/net';
import { ip, mac } from './helpers.js';

const vip = { address: '203.0.113.100', device: 'eth0:1', prefixLength: 24 };

test('the base device of an alias', () => {
  expect(baseDevice('eth0:1')).toBe('eth0');
  expect(baseDevice('bond0.12:3')).toBe('bond0.12');
  expect(baseDevice('eth1')).toBe('eth1');
});

test('ip addr add keeps the lvs.cf alias name as the label, with brd +', () => {
  const up = addressUpChange(vip, 4);
  expect(up).toEqual({
    kind: 'add',
    interfaceIndex: 4,
    address: '203.0.113.100',
    prefixLength: 24,
    broadcast: '203.0.113.255',
    label: 'eth0:1',
  });
  expect(up && describeChange(up, 'eth0')).toBe(
    'ip addr add 203.0.113.100/24 brd 203.0.113.255 dev eth0 label eth0:1',
  );
  const down = addressDownChange(vip, 4);
  expect(down).toEqual({
    kind: 'delete',
    interfaceIndex: 4,
    address: '203.0.113.100',
    prefixLength: 24,
  });
  expect(down && describeChange(down, 'eth0')).toBe('ip addr del 203.0.113.100/24 dev eth0');
  expect(addressUpChange({ ...vip, address: 'www.example' }, 4)).toBeUndefined();
});

test('brd + is the last address of the subnet; /31 and /32 have none', () => {
  expect(subnetBroadcast(ip('198.51.100.70'), 26)).toBe('198.51.100.127');
  expect(subnetBroadcast(ip('192.0.2.10'), 30)).toBe('192.0.2.11');
  expect(subnetBroadcast(ip('192.0.2.10'), 0)).toBe('255.255.255.255');
  expect(subnetBroadcast(ip('192.0.2.10'), 31)).toBeUndefined();
  expect(addressUpChange({ ...vip, prefixLength: 32 }, 4)).not.toHaveProperty('broadcast');
});

test('send_arp gets what the original passed: base device, VIP, bare MAC, broadcast', () => {
  const from = { mac: mac('02:00:5e:10:00:0a'), broadcast: '203.0.113.255' };
  expect(sendArpArgv(vip, from)).toEqual([
    '-i',
    'eth0',
    '203.0.113.100',
    '02005E10000A',
    '203.0.113.255',
    'ffffffffffff',
  ]);
  expect(sendArpArgv(vip, { ...from, broadcast: undefined })[4]).toBe('255.255.255.255');
});

describe('the prefix of a floating address', () => {
  const onLink = [
    { address: '203.0.113.1', prefixLength: 24 },
    { address: '198.51.100.1', prefixLength: 25 },
  ];

  test('a netmask in lvs.cf (its bits) decides', () => {
    expect(floatingPrefixLength('203.0.113.100', 25, onLink)).toBe(25);
  });

  test('without one (or 0.0.0.0, 0 bits), the subnet of the device address that holds it', () => {
    expect(floatingPrefixLength('203.0.113.100', undefined, onLink)).toBe(24);
    expect(floatingPrefixLength('198.51.100.100', 0, onLink)).toBe(25);
  });

  test('a VIP in no device subnet is a host address; the VIP itself is not a home', () => {
    expect(floatingPrefixLength('192.0.2.80', undefined, onLink)).toBe(32);
    const self = [{ address: '192.0.2.80', prefixLength: 24 }];
    expect(floatingPrefixLength('192.0.2.80', undefined, self)).toBe(32);
  });
});

describe('the first gratuitous ARP, sent by pulse itself', () => {
  const from = { mac: mac('02:00:5e:10:00:0a'), broadcast: '203.0.113.255' };

  test('is the RFC 2002 reply send_arp sends: the VIP at our MAC, to everyone', () => {
    const frame = gratuitousArpFrame(vip, from);
    expect(frame).toHaveLength(60);
    const decoded = decodeArpFrame(frame ?? new Uint8Array());
    expect(decoded).toEqual({
      ok: true,
      frame: {
        ethernetDestination: BROADCAST_MAC,
        ethernetSource: from.mac,
        operation: 2,
        senderMac: from.mac,
        senderIp: ip('203.0.113.100'),
        targetMac: from.mac,
        targetIp: ip('203.0.113.100'),
      },
    });
  });

  test('has the very bytes send_arp builds from the arguments pulse gives it', () => {
    const [, , sourceIp = '', sourceMac = '', , targetMac = ''] = sendArpArgv(vip, from);
    const parsed = [parseIpv4(sourceIp), parseMac(sourceMac), parseMac(targetMac)] as const;
    if (!parsed[0].ok || !parsed[1].ok || !parsed[2].ok) throw new Error('unparsable argv');
    const bySendArp = sendArpFrame({
      sourceIp: parsed[0].ip,
      sourceMac: parsed[1].mac,
      targetMac: parsed[2].mac,
    });
    expect(gratuitousArpFrame(vip, from)).toEqual(encodeArpFrame(bySendArp));
  });

  test('is not built for an address that is not a dotted quad', () => {
    expect(gratuitousArpFrame({ ...vip, address: 'www.example' }, from)).toBeUndefined();
  });

  test('then send_arp sends the rest: five frames in all, as the original', () => {
    expect(announcementPlan(2)).toEqual([
      'in-process',
      'send-arp',
      'send-arp',
      'send-arp',
      'send-arp',
    ]);
    expect(announcementPlan(1, 1)).toEqual(['in-process']);
  });

  test('with a sub-second keepalive pulse sends all five itself', () => {
    expect(announcementPlan(0.99)).toEqual(Array(5).fill('in-process'));
    expect(announcementPlan(1)).toContain('send-arp');
  });
});
