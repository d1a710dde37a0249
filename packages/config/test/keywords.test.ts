import { GLOBAL_KEYWORDS, SERVER_KEYWORDS, SERVICE_KEYWORDS, parseLvsCf } from '@piranha-ts/config';
import { parseErrors, parseOk } from './helpers.js';

// One valid value per keyword and the model value it must produce. Adding a keyword to the
// table without adding it here fails the completeness test.
const GLOBAL_SAMPLES: Record<string, [string, unknown]> = {
  serial_no: ['41', 41],
  primary: ['198.51.100.2', '198.51.100.2'],
  primary_private: ['203.0.113.2', '203.0.113.2'],
  primary_shared: ['/dev/sdb1', '/dev/sdb1'],
  service: ['fos', 'fos'],
  rsh_command: ['ssh', 'ssh'],
  backup_active: ['1', true],
  backup: ['198.51.100.3', '198.51.100.3'],
  backup_private: ['203.0.113.3', '203.0.113.3'],
  backup_shared: ['/dev/sdc1', '/dev/sdc1'],
  reservation_conflict_action: ['preempt', 'preempt'],
  heartbeat: ['1', true],
  heartbeat_port: ['1050', 1050],
  keepalive: ['0.5', 0.5],
  deadtime: ['12', 12],
  network: ['direct', 'direct'],
  nat_router: ['198.51.100.254 eth1:1', { address: '198.51.100.254', device: 'eth1:1' }],
  nat_nmask: ['255.255.255.0', '255.255.255.0'],
  debug_level: ['MAX', 'MAX'],
  monitor_links: ['1', 1],
  syncdaemon: ['1', true],
  syncd_iface: ['eth2', 'eth2'],
  syncd_id: ['7', 7],
  tcp_timeout: ['900', 900],
  tcpfin_timeout: ['120', 120],
  udp_timeout: ['300', 300],
  hard_shutdown: ['0', false],
  active_cmd: ['"/usr/local/sbin/notify active"', '/usr/local/sbin/notify active'],
  inactive_cmd: ['"/usr/local/sbin/notify inactive"', '/usr/local/sbin/notify inactive'],
  ipvsadm: ['/usr/sbin/ipvsadm', '/usr/sbin/ipvsadm'],
  sync: ['1', true],
};

const SERVICE_SAMPLES: Record<string, [string, unknown]> = {
  active: ['1', true],
  address: ['192.0.2.80 eth0:2', { address: '192.0.2.80', device: 'eth0:2' }],
  vip_nmask: ['255.255.255.0', '255.255.255.0'],
  sorry_server: ['198.51.100.99', '198.51.100.99'],
  fwmark: ['80', 80],
  port: ['https', 443],
  persistent: ['300', 300],
  pmask: ['255.255.255.0', '255.255.255.0'],
  send: ['"GET / HTTP/1.0\\r\\n\\r\\n"', 'GET / HTTP/1.0\\r\\n\\r\\n'],
  expect: ['"HTTP"', 'HTTP'],
  use_regex: ['1', true],
  send_program: ['"/usr/local/bin/check %h %p"', '/usr/local/bin/check %h %p'],
  load_monitor: ['ruptime', 'ruptime'],
  scheduler: ['lblcr', 'lblcr'],
  protocol: ['udp', 'udp'],
  timeout: ['6', 6],
  reentry: ['15', 15],
  quiesce_server: ['1', true],
  client_monitor: ['/usr/local/sbin/nanny', '/usr/local/sbin/nanny'],
  start_cmd: ['"/etc/init.d/httpd start"', '/etc/init.d/httpd start'],
  stop_cmd: ['"/etc/init.d/httpd stop"', '/etc/init.d/httpd stop'],
  master: ['198.51.100.2', '198.51.100.2'],
  dirs: ['[ /var/www /etc/httpd ]', ['/var/www', '/etc/httpd']],
};

const SERVER_SAMPLES: Record<string, [string, unknown]> = {
  address: ['198.51.100.11', '198.51.100.11'],
  active: ['1', true],
  weight: ['100', 100],
  port: ['8080', 8080],
};

function fieldOf(keyword: string, table: readonly { keyword: string; field: string }[]): string {
  return table.find((k) => k.keyword === keyword)?.field ?? keyword;
}

test('every keyword of the table has a sample here', () => {
  expect(GLOBAL_KEYWORDS.map((k) => k.keyword).sort()).toEqual(Object.keys(GLOBAL_SAMPLES).sort());
  expect(SERVICE_KEYWORDS.map((k) => k.keyword).sort()).toEqual(
    Object.keys(SERVICE_SAMPLES).sort(),
  );
  expect(SERVER_KEYWORDS.map((k) => k.keyword).sort()).toEqual(Object.keys(SERVER_SAMPLES).sort());
});

describe('global keywords', () => {
  test.each(Object.entries(GLOBAL_SAMPLES))('%s', (keyword, [text, value]) => {
    const config = parseOk(`${keyword} = ${text}\n`);
    expect(
      (config as unknown as Record<string, unknown>)[fieldOf(keyword, GLOBAL_KEYWORDS)],
    ).toEqual(value);
  });
});

describe('virtual keywords', () => {
  test.each(Object.entries(SERVICE_SAMPLES))('%s', (keyword, [text, value]) => {
    const config = parseOk(`virtual v {\n ${keyword} = ${text}\n}\n`);
    const vs = config.virtuals[0] as unknown as Record<string, unknown>;
    expect(vs[fieldOf(keyword, SERVICE_KEYWORDS)]).toEqual(value);
  });
});

describe('failover keywords', () => {
  const used = SERVICE_KEYWORDS.filter((k) => k.inFailover).map((k) => k.keyword);
  test.each(used)('%s', (keyword) => {
    const [text, value] = SERVICE_SAMPLES[keyword] as [string, unknown];
    const config = parseOk(`failover f {\n ${keyword} = ${text}\n}\n`);
    const fo = config.failovers[0] as unknown as Record<string, unknown>;
    expect(fo[fieldOf(keyword, SERVICE_KEYWORDS)]).toEqual(value);
  });

  test('virtual-only keywords are accepted in failover blocks with a warning, not stored', () => {
    const result = parseLvsCf('failover f {\n scheduler = rr\n}\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.diagnostics).toMatchObject([
      { code: 'ignored-keyword', line: 2, severity: 'warning' },
    ]);
    expect(result.config.failovers[0]).not.toHaveProperty('scheduler');
  });
});

describe('server keywords', () => {
  test.each(Object.entries(SERVER_SAMPLES))('%s', (keyword, [text, value]) => {
    const config = parseOk(`virtual v {\n server s {\n  ${keyword} = ${text}\n }\n}\n`);
    const rs = config.virtuals[0]?.servers[0] as unknown as Record<string, unknown>;
    expect(rs[fieldOf(keyword, SERVER_KEYWORDS)]).toEqual(value);
  });
});

test('defaults of an otherwise empty file and block', () => {
  const config = parseOk('virtual v {\n server s {\n }\n}\n');
  expect(config).toMatchObject({
    primary: '0.0.0.0',
    backup: '0.0.0.0',
    backupActive: false,
    service: 'lvs',
    heartbeatPort: 539,
    keepalive: 2,
    deadtime: 5,
    network: 'nat',
    rshCommand: 'rsh',
    ipvsadm: '/sbin/ipvsadm',
    hardShutdown: true,
    syncdIface: 'eth0',
    debugLevel: 'NONE',
  });
  expect(config.virtuals[0]).toMatchObject({
    active: false,
    port: 80,
    protocol: 'tcp',
    scheduler: 'wlc',
    persistent: 0,
    fwmark: 0,
    timeout: 10,
    reentry: 180,
    quiesceServer: false,
    useRegex: false,
    clientMonitor: '/usr/sbin/nanny',
    servers: [{ name: 's', address: '0.0.0.0', active: false, weight: 1, port: 80 }],
  });
});

test('a keyword in the wrong scope is an unknown command that says where it belongs', () => {
  expect(parseErrors('weight = 3\n')).toMatchObject([
    {
      code: 'unknown-command',
      line: 1,
      message: 'unknown command "weight" at top level: it belongs in a server block',
    },
  ]);
  expect(parseErrors('virtual v {\n server s {\n  nmask = 255.0.0.0\n }\n}\n')).toMatchObject([
    { code: 'unknown-command', line: 3, keyword: 'nmask' },
  ]);
  expect(parseErrors('virtual v {\n primary = 192.0.2.1\n}\n')).toMatchObject([
    { code: 'unknown-command', line: 2 },
  ]);
});

test('keywords and enumerated values are case-sensitive', () => {
  expect(parseErrors('network = NAT\n')).toMatchObject([
    { code: 'invalid-argument', keyword: 'network' },
  ]);
  expect(parseErrors('Primary = 192.0.2.1\n')).toMatchObject([{ code: 'unknown-command' }]);
});
