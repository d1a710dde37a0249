import {
  renderBatch,
  renderOp,
  renderSaveFormat,
  serviceArgs,
  setTimeoutsArgs,
  type IpvsOp,
} from '@piranha-ts/ipvs';
import { TCP_WEB, dest, service, settings, table } from './helpers.js';

const V6 = { kind: 'address', protocol: 'tcp', address: '2001:db8::10', port: 443 } as const;

test('service arguments for each kind of key', () => {
  expect(serviceArgs(TCP_WEB)).toEqual(['-t', '192.0.2.10:80']);
  expect(serviceArgs({ ...TCP_WEB, protocol: 'udp' })).toEqual(['-u', '192.0.2.10:80']);
  expect(serviceArgs({ ...TCP_WEB, protocol: 'sctp' })).toEqual([
    '--sctp-service',
    '192.0.2.10:80',
  ]);
  expect(serviceArgs(V6)).toEqual(['-t', '[2001:db8::10]:443']);
  expect(serviceArgs({ kind: 'fwmark', mark: 21, family: 'ipv4' })).toEqual(['-f', '21']);
  expect(serviceArgs({ kind: 'fwmark', mark: 21, family: 'ipv6' })).toEqual(['-f', '21', '-6']);
});

test('service ops render every setting, since -E resets what it is not given', () => {
  const full = settings({
    persistence: { timeout: 300, netmask: '255.255.255.0' },
    persistenceEngine: 'sip',
    onePacket: true,
    schedulerFlags: ['flag-1', 'flag-2'],
  });
  const options = [
    '-s',
    'wlc',
    '-p',
    '300',
    '-M',
    '255.255.255.0',
    '--pe',
    'sip',
    '-o',
    '-b',
    'flag-1,flag-2',
  ];
  expect(renderOp({ kind: 'add-service', service: full })).toEqual([
    '-A',
    '-t',
    '192.0.2.10:80',
    ...options,
  ]);
  expect(renderOp({ kind: 'edit-service', service: full })).toEqual([
    '-E',
    '-t',
    '192.0.2.10:80',
    ...options,
  ]);
  expect(renderOp({ kind: 'add-service', service: settings() })).toEqual([
    '-A',
    '-t',
    '192.0.2.10:80',
    '-s',
    'wlc',
  ]);
  expect(renderOp({ kind: 'delete-service', service: TCP_WEB })).toEqual([
    '-D',
    '-t',
    '192.0.2.10:80',
  ]);
});

test('destination ops carry forwarding and weight, and thresholds when set', () => {
  const op = (d: ReturnType<typeof dest>): IpvsOp => ({
    kind: 'add-dest',
    service: TCP_WEB,
    dest: d,
  });
  expect(renderOp(op(dest({ weight: 3 })))).toEqual([
    '-a',
    '-t',
    '192.0.2.10:80',
    '-r',
    '198.51.100.11:80',
    '-m',
    '-w',
    '3',
  ]);
  expect(
    renderOp(op(dest({ forwarding: 'gate', upperThreshold: 100, lowerThreshold: 10 }))),
  ).toEqual([
    '-a',
    '-t',
    '192.0.2.10:80',
    '-r',
    '198.51.100.11:80',
    '-g',
    '-w',
    '1',
    '-x',
    '100',
    '-y',
    '10',
  ]);
  // Plain ipip goes without --tun-type, which ipvsadm before 1.30 rejects.
  expect(renderOp(op(dest({ forwarding: 'ipip' }))).slice(5)).toEqual(['-i', '-w', '1']);
  const gue = dest({
    forwarding: 'ipip',
    tunnel: { type: 'gue', port: 6080, checksum: 'remcsum' },
  });
  expect(renderOp(op(gue)).slice(5)).toEqual([
    '-i',
    '-w',
    '1',
    '--tun-type',
    'gue',
    '--tun-port',
    '6080',
    '--tun-remcsum',
  ]);
  expect(renderOp({ kind: 'edit-dest', service: TCP_WEB, dest: dest({ weight: 0 }) })[0]).toBe(
    '-e',
  );
  expect(
    renderOp({ kind: 'delete-dest', service: V6, dest: { address: '2001:db8::11', port: 443 } }),
  ).toEqual(['-d', '-t', '[2001:db8::10]:443', '-r', '[2001:db8::11]:443']);
});

test('a batch is one line per op for ipvsadm -R', () => {
  const ops: IpvsOp[] = [
    { kind: 'add-service', service: settings() },
    { kind: 'add-dest', service: TCP_WEB, dest: dest() },
    { kind: 'delete-service', service: { kind: 'fwmark', mark: 3, family: 'ipv4' } },
  ];
  expect(renderBatch(ops)).toBe(
    '-A -t 192.0.2.10:80 -s wlc\n-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 1\n-D -f 3\n',
  );
  expect(renderBatch([])).toBe('');
});

test('--set takes the three timeouts', () => {
  expect(setTimeoutsArgs(900, 120, 300)).toEqual(['--set', '900', '120', '300']);
});

test('the save layout is sorted as ipvsadm sorts and leaves thresholds out', () => {
  const text = renderSaveFormat(
    table(
      service({ key: { kind: 'fwmark', mark: 2, family: 'ipv4' } }),
      service({ key: { kind: 'fwmark', mark: 1, family: 'ipv6' } }),
      service({ key: V6 }),
      service({ key: { ...TCP_WEB, protocol: 'udp' } }),
      service({ key: { ...TCP_WEB, address: '192.0.2.9', port: 8080 } }),
      service({}, [
        dest({ address: '198.51.100.20', upperThreshold: 5 }),
        dest({ address: '198.51.100.3', port: 81, forwarding: 'ipip' }),
        dest({ address: '198.51.100.3', port: 80, forwarding: 'gate' }),
      ]),
    ),
  );
  expect(text).toBe(`-A -t 192.0.2.9:8080 -s wlc
-A -t 192.0.2.10:80 -s wlc
-a -t 192.0.2.10:80 -r 198.51.100.3:80 -g -w 1
-a -t 192.0.2.10:80 -r 198.51.100.3:81 -i -w 1 --tun-type ipip
-a -t 192.0.2.10:80 -r 198.51.100.20:80 -m -w 1
-A -u 192.0.2.10:80 -s wlc
-A -t [2001:db8::10]:443 -s wlc
-A -f 1 -6 -s wlc
-A -f 2 -s wlc
`);
});
