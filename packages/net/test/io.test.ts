import { interfaceIndex, listAddresses, readInterfaceAddresses } from '@piranha-ts/net/io';

test('the loopback interface: all-zero MAC, 127.0.0.1, no broadcast address', async () => {
  const lo = readInterfaceAddresses('lo');
  expect(lo).toMatchObject({
    ok: true,
    index: interfaceIndex('lo'),
    addresses: { name: 'lo', mac: '00:00:00:00:00:00', broadcast: undefined },
  });
  expect(lo.ok && lo.addresses.ipv4).toContainEqual({
    address: '127.0.0.1',
    prefixLength: 8,
    broadcast: undefined,
  });
});

test("the kernel's list carries each address's interface and label", () => {
  const listed = listAddresses();
  expect(listed.ok && listed.value).toContainEqual({
    interfaceIndex: interfaceIndex('lo'),
    address: '127.0.0.1',
    prefixLength: 8,
    broadcast: undefined,
    label: 'lo',
  });
});

test('a missing interface', async () => {
  expect(interfaceIndex('nosuch0')).toBeUndefined();
  expect(readInterfaceAddresses('nosuch0')).toEqual({
    ok: false,
    error: { code: 'no-such-interface', message: 'Device "nosuch0" does not exist.' },
  });
});
