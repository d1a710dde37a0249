import { parseSaveFormat, renderSaveFormat, type IpvsTable } from '@piranha-ts/ipvs';
import { dest, service, table } from './helpers.js';

function parseOk(text: string): IpvsTable {
  const result = parseSaveFormat(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.table;
}

function errorsOf(text: string) {
  const result = parseSaveFormat(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

const NAT = `-A -t 192.0.2.10:80 -s wlc -p 300 -M 255.255.255.0
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 3
-a -t 192.0.2.10:80 -r 198.51.100.12:8080 -m -w 0
`;

test('a NAT service with persistence, a netmask and two servers', () => {
  expect(parseOk(NAT)).toEqual(
    table(
      service({ persistence: { timeout: 300, netmask: '255.255.255.0' } }, [
        dest({ weight: 3 }),
        dest({ address: '198.51.100.12', port: 8080, weight: 0 }),
      ]),
    ),
  );
});

test('direct routing and tunnelled UDP, as ipvsadm 1.31 prints them', () => {
  const text = `-A -t 192.0.2.20:443 -s rr
-a -t 192.0.2.20:443 -r 198.51.100.21:443 -g -w 1
-A -u 192.0.2.30:53 -s sh
-a -u 192.0.2.30:53 -r 198.51.100.31:53 -i -w 2 --tun-type ipip
`;
  const https = { kind: 'address', protocol: 'tcp', address: '192.0.2.20', port: 443 } as const;
  const dns = { kind: 'address', protocol: 'udp', address: '192.0.2.30', port: 53 } as const;
  expect(parseOk(text)).toEqual(
    table(
      service({ key: https, scheduler: 'rr' }, [
        dest({ address: '198.51.100.21', port: 443, forwarding: 'gate' }),
      ]),
      service({ key: dns, scheduler: 'sh' }, [
        dest({ address: '198.51.100.31', port: 53, forwarding: 'ipip', weight: 2 }),
      ]),
    ),
  );
});

test('a firewall-mark bundle keeps each real port', () => {
  const text = `-A -f 21 -s wlc -p 120 -M 255.255.0.0
-a -f 21 -r 198.51.100.11:80 -m -w 1
-a -f 21 -r 198.51.100.11:443 -m -w 1
`;
  const mark = { kind: 'fwmark', mark: 21, family: 'ipv4' } as const;
  expect(parseOk(text)).toEqual(
    table(
      service({ key: mark, persistence: { timeout: 120, netmask: '255.255.0.0' } }, [
        dest({ port: 80 }),
        dest({ port: 443 }),
      ]),
    ),
  );
});

test('IPv6 services, an IPv6 fwmark service, prefix-length netmasks and flags', () => {
  const text = `-A -t [2001:db8::10]:80 -s rr -p 300 -M 64 --pe sip -o
-a -t [2001:db8::10]:80 -r [2001:db8::11]:8080 -m -w 1
-A -f 7 -6 -s sh -b sh-fallback,sh-port
-a -f 7 -6 -r [2001:db8::12]:0 -g -w 5
`;
  const v6 = { kind: 'address', protocol: 'tcp', address: '2001:db8::10', port: 80 } as const;
  const mark = { kind: 'fwmark', mark: 7, family: 'ipv6' } as const;
  expect(parseOk(text)).toEqual(
    table(
      service(
        {
          key: v6,
          scheduler: 'rr',
          persistence: { timeout: 300, netmask: '64' },
          persistenceEngine: 'sip',
          onePacket: true,
        },
        [dest({ address: '2001:db8::11', port: 8080 })],
      ),
      service({ key: mark, scheduler: 'sh', schedulerFlags: ['sh-fallback', 'sh-port'] }, [
        dest({ address: '2001:db8::12', port: 0, forwarding: 'gate', weight: 5 }),
      ]),
    ),
  );
});

test('gue and gre tunnels', () => {
  const text = `-A -t 192.0.2.40:80 -s wlc
-a -t 192.0.2.40:80 -r 198.51.100.41:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum
-a -t 192.0.2.40:80 -r 198.51.100.42:80 -i -w 1 --tun-type gre --tun-nocsum
`;
  const [svc] = parseOk(text).services;
  expect(svc?.destinations.map((d) => d.tunnel)).toEqual([
    { type: 'gue', port: 6080, checksum: 'csum' },
    { type: 'gre', checksum: 'nocsum' },
  ]);
});

test('defaults ipvsadm fills in for hand-written lines', () => {
  const text = `ipvsadm -A -t 192.0.2.10:80 -p -M 255.255.255.255
# a comment
-a -t 192.0.2.10:80 -r 198.51.100.11 -x 100 -y 50
-a -t 192.0.2.10:80 -r 198.51.100.12:8080 -g
`;
  expect(parseOk(text)).toEqual(
    table(
      service({ persistence: { timeout: 300, netmask: undefined } }, [
        dest({ forwarding: 'gate', upperThreshold: 100, lowerThreshold: 50 }),
        // gatewaying on a non-fwmark service: ipvsadm stores the service port.
        dest({ address: '198.51.100.12', port: 80, forwarding: 'gate' }),
      ]),
    ),
  );
});

test('an empty table', () => {
  expect(parseOk('')).toEqual(table());
});

test('rendering a parsed -Sn output gives it back', () => {
  const text = `-A -t 192.0.2.10:80 -s wlc -p 300 -M 255.255.255.0
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 3
-a -t 192.0.2.10:80 -r 198.51.100.12:8080 -m -w 0
-A -u 192.0.2.30:53 -s rr
-a -u 192.0.2.30:53 -r 198.51.100.31:53 -i -w 2 --tun-type ipip
-A -t [2001:db8::10]:80 -s rr -p 300 -M 64
-a -t [2001:db8::10]:80 -r [2001:db8::11]:80 -g -w 1
-A -f 21 -s wlc -p 120
-a -f 21 -r 198.51.100.11:80 -m -w 1
-a -f 21 -r 198.51.100.11:443 -m -w 1
`;
  expect(renderSaveFormat(parseOk(text))).toBe(text);
});

test('each bad line is reported with its number and a code', () => {
  const text = `-A -t 192.0.2.10:80 -s wlc
-a -t 192.0.2.99:80 -r 198.51.100.11:80 -m -w 1
-A -t 192.0.2.10:80 -s rr
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 70000
-A -t www.example.com:80 -s wlc
-E -t 192.0.2.10:80 -s rr
-A -t 192.0.2.11:80 -s rr -p 0
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -g
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 1 --tun-type ipip
-A -t 192.0.2.12:80 -s rr -M 255.255.255.0
-A -t 192.0.2.13:80 -s rr -z
-a -t 192.0.2.10:80 -m -w 1
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 1
-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 2
-A -t 192.0.2.14:80 -s
`;
  expect(errorsOf(text).map((e) => [e.line, e.code])).toEqual([
    [2, 'unknown-service'],
    [3, 'duplicate-service'],
    [4, 'invalid-number'],
    [5, 'invalid-address'],
    [6, 'unknown-command'],
    [7, 'invalid-number'],
    [8, 'repeated-option'],
    [9, 'invalid-tunnel'],
    [10, 'invalid-netmask'],
    [11, 'unknown-option'],
    [12, 'missing-real-server'],
    [14, 'duplicate-destination'],
    [15, 'missing-value'],
  ]);
  expect(errorsOf(text)[0]).toMatchObject({
    line: 2,
    text: '-a -t 192.0.2.99:80 -r 198.51.100.11:80 -m -w 1',
    message: 'tcp 192.0.2.99:80 has no -A line',
  });
});

test('addresses must be numeric and well formed', () => {
  const codes = (line: string) => errorsOf(line).map((e) => e.code);
  expect(codes('-A -t 192.0.2.256:80 -s rr')).toEqual(['invalid-address']);
  expect(codes('-A -t 192.0.2.1:65536 -s rr')).toEqual(['invalid-address']);
  expect(codes('-A -t [2001:db8::1:80 -s rr')).toEqual(['invalid-address']);
  expect(codes('-A -t [2001:db8:::1]:80 -s rr')).toEqual(['invalid-address']);
  expect(codes('-A -f 0 -s rr')).toEqual(['invalid-number']);
  expect(codes('-A -t 192.0.2.1:80 -6 -s rr')).toEqual(['unknown-option']);
  expect(codes('-A -t [2001:db8::1]:80 -s rr -p 60 -M 129')).toEqual(['invalid-netmask']);
});
