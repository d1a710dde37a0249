import { parseLvsCf, validateConfig, type Diagnostic } from '@piranha-ts/config';

function validate(text: string): Diagnostic[] {
  const result = parseLvsCf(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return validateConfig(result.config, result.source);
}

const vs = (name: string, body: string) => `virtual ${name} {\n    active = 1\n${body}}\n`;

test('a clean file has no findings', () => {
  const text = vs(
    'web',
    '    address = 192.0.2.10 eth0:1\n    server a {\n        address = 198.51.100.11\n        active = 1\n    }\n',
  );
  expect(validate(text)).toEqual([]);
});

test('an active virtual server without an address', () => {
  expect(validate(vs('web', ''))).toMatchObject([
    { code: 'missing-address', line: 1, severity: 'error' },
  ]);
});

test('duplicate services are errors at the second block', () => {
  const a = vs('a', '    address = 192.0.2.10 eth0:1\n');
  const b = vs('b', '    address = 192.0.2.10 eth0:1\n');
  expect(validate(a + b)).toMatchObject([
    { code: 'duplicate-service', line: 5, severity: 'error' },
  ]);
  const udp = vs('c', '    address = 192.0.2.10 eth0:1\n    protocol = udp\n');
  expect(validate(a + udp)).toEqual([]);
});

test('blocks sharing a fwmark must agree on scheduler and persistence', () => {
  const http = vs(
    'http',
    '    address = 192.0.2.10 eth0:1\n    fwmark = 80\n    persistent = 300\n',
  );
  const https = vs(
    'https',
    '    address = 192.0.2.10 eth0:1\n    fwmark = 80\n    port = 443\n    persistent = 300\n',
  );
  expect(validate(http + https)).toEqual([]);
  const other = vs(
    'other',
    '    address = 192.0.2.10 eth0:1\n    fwmark = 80\n    scheduler = rr\n',
  );
  expect(validate(http + other)).toMatchObject([{ code: 'inconsistent-service', line: 7 }]);
});

test('FTP firewall-mark services and zero-port services need persistence', () => {
  const ftp = vs('ftp', '    address = 192.0.2.21 eth0:2\n    fwmark = 21\n    port = 21\n');
  expect(validate(ftp)).toMatchObject([
    { code: 'missing-persistence', line: 4, severity: 'error' },
  ]);
  const all = vs('all', '    address = 192.0.2.21 eth0:2\n    port = 0\n');
  expect(validate(all)).toMatchObject([{ code: 'missing-persistence', line: 4 }]);
});

test('a shared VIP on two devices', () => {
  const a = vs('a', '    address = 192.0.2.10 eth0:1\n');
  const b = vs('b', '    address = 192.0.2.10 eth0:2\n    port = 443\n');
  expect(validate(a + b)).toMatchObject([{ code: 'inconsistent-service', line: 7 }]);
});

test('duplicate real servers; the port does not count under direct routing', () => {
  const servers =
    '    server a {\n        address = 198.51.100.11\n        active = 1\n    }\n' +
    '    server b {\n        address = 198.51.100.11\n        active = 1\n        port = 8080\n    }\n';
  const body = `    address = 192.0.2.10 eth0:1\n${servers}`;
  expect(validate(vs('web', body))).toEqual([]);
  expect(validate('network = direct\n' + vs('web', body))).toMatchObject([
    { code: 'duplicate-server', line: 10 },
  ]);
});

test('warnings: pmask without persistence, send beside send_program, timing, backup', () => {
  const body =
    '    address = 192.0.2.10 eth0:1\n    pmask = 255.255.255.0\n    send_program = "/bin/check %h"\n    send = "x"\n';
  const text = 'keepalive = 6\ndeadtime = 6\nbackup_active = 1\n' + vs('web', body);
  expect(validate(text).map((d) => [d.code, d.line, d.severity])).toEqual(
    [
      ['missing-address', 3, 'warning'],
      ['timing', 2, 'warning'],
      ['ignored-keyword', 7, 'warning'],
      ['ignored-keyword', 9, 'warning'],
    ].sort((a, b) => (a[1] as number) - (b[1] as number)),
  );
});

test('inactive blocks and servers are not checked', () => {
  expect(validate('virtual v {\n    active = 0\n}\n')).toEqual([]);
});
