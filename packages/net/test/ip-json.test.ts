import { primaryIpv4Addresses } from '@piranha-ts/net';

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
