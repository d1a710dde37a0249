import { readInterfaceAddresses } from '@piranha-ts/net/io';

test('the loopback interface: all-zero MAC, 127.0.0.1, no broadcast address', async () => {
  const lo = await readInterfaceAddresses('lo');
  expect(lo).toMatchObject({
    ok: true,
    addresses: { name: 'lo', mac: '00:00:00:00:00:00', broadcast: undefined },
  });
  expect(lo.ok && lo.addresses.ipv4).toContainEqual({
    address: '127.0.0.1',
    prefixLength: 8,
    broadcast: undefined,
  });
});

test('a missing interface', async () => {
  expect(await readInterfaceAddresses('nosuch0')).toEqual({
    ok: false,
    error: { code: 'no-such-interface', message: 'Device "nosuch0" does not exist.' },
  });
});

test('ip that cannot be run', async () => {
  const result = await readInterfaceAddresses('lo', { ipPath: '/nonexistent/ip' });
  expect(result).toMatchObject({ ok: false, error: { code: 'ip-failed' } });
});
