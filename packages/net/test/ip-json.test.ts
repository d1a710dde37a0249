import { parseIpAddrJson, primaryIpv4Addresses } from '@piranha-ts/net';

/** `ip -j addr show dev eth0` on a router with a VIP alias (iproute2 6.1). */
const eth0 = JSON.stringify([
  {
    ifindex: 4,
    ifname: 'eth0',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    link_type: 'ether',
    address: '02:fc:00:00:00:01',
    broadcast: 'ff:ff:ff:ff:ff:ff',
    addr_info: [
      { family: 'inet', local: '192.0.2.2', prefixlen: 24, broadcast: '192.0.2.255' },
      { family: 'inet', local: '192.0.2.80', prefixlen: 32, label: 'eth0:1' },
      { family: 'inet6', local: 'fd00::2', prefixlen: 64 },
    ],
  },
]);

test('MAC, the broadcast of the first IPv4 address, and every IPv4 address', () => {
  expect(parseIpAddrJson(eth0, 'eth0')).toEqual({
    ok: true,
    addresses: {
      name: 'eth0',
      mac: '02:fc:00:00:00:01',
      broadcast: '192.0.2.255',
      ipv4: [
        { address: '192.0.2.2', prefixLength: 24, broadcast: '192.0.2.255' },
        { address: '192.0.2.80', prefixLength: 32, broadcast: undefined },
      ],
    },
  });
});

test('an interface without IPv4 addresses has no broadcast address', () => {
  const bare = JSON.stringify([{ ifname: 'veth1', address: '02:00:00:00:00:09', addr_info: [] }]);
  expect(parseIpAddrJson(bare, 'veth1')).toMatchObject({
    ok: true,
    addresses: { broadcast: undefined, ipv4: [] },
  });
});

test.each([
  ['not JSON', 'Device "eth9" does not exist.', 'eth0', 'ip printed something that is not JSON'],
  ['another interface', eth0, 'eth1', 'ip did not list eth1'],
  ['an object, not a list', '{"ifname":"eth0"}', 'eth0', 'ip did not list eth0'],
  [
    'no Ethernet address',
    JSON.stringify([{ ifname: 'tun0', addr_info: [] }]),
    'tun0',
    'tun0 has no Ethernet hardware address',
  ],
])('%s', (_name, text, name, message) => {
  expect(parseIpAddrJson(text, name)).toEqual({ ok: false, message });
});

describe('primaryIpv4Addresses', () => {
  const listing = JSON.stringify([
    {
      ifname: 'lo',
      addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8, label: 'lo' }],
    },
    {
      ifname: 'eth0',
      addr_info: [
        { family: 'inet6', local: 'fe80::1', prefixlen: 64 },
        { family: 'inet', local: '203.0.113.100', prefixlen: 24, label: 'eth0:1' },
        { family: 'inet', local: '203.0.113.1', prefixlen: 24, label: 'eth0' },
        { family: 'inet', local: '203.0.113.7', prefixlen: 24, label: 'eth0', secondary: true },
      ],
    },
    { ifname: 'eth1', addr_info: [{ family: 'inet', local: '198.51.100.1', prefixlen: 24 }] },
    { ifname: 'eth2', addr_info: [] },
  ]);

  test('the first address labelled with the interface name; aliases and later ones do not count', () => {
    expect(primaryIpv4Addresses(listing)).toEqual([
      { ifname: 'lo', address: '127.0.0.1', prefixLength: 8 },
      { ifname: 'eth0', address: '203.0.113.1', prefixLength: 24 },
      { ifname: 'eth1', address: '198.51.100.1', prefixLength: 24 },
    ]);
  });

  test('text that is not JSON', () => {
    expect(primaryIpv4Addresses('Error: oops')).toBeUndefined();
    expect(primaryIpv4Addresses('{}')).toEqual([]);
  });
});
