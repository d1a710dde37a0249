import { parseLvsCf, type LvsConfig } from '@piranha-ts/config';
import { groupMonitors, healthViewOf, monitorsOf } from '../src/monitors.js';

function parse(text: string): LvsConfig {
  const result = parseLvsCf(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}

const QUIET = { verbose: false, foreground: false };

const CONFIG = `primary = 192.0.2.2
network = nat
rsh_command = ssh
virtual web {
    active = 1
    address = 192.0.2.80 eth0:1
    port = 80
    send = "GET / HTTP/1.0\\r\\n\\r\\n"
    expect = "HTTP"
    use_regex = 1
    load_monitor = uptime
    quiesce_server = 1
    timeout = 6
    reentry = 20
    server a {
        address = 198.51.100.11
        active = 1
        weight = 3
        port = 8080
    }
    server off {
        address = 198.51.100.99
        active = 0
    }
}
virtual dns {
    active = 1
    address = 192.0.2.81 eth0:2
    protocol = udp
    port = 53
    fwmark = 0
    send_program = "/usr/local/bin/check-dns %h"
    client_monitor = /opt/nanny
    server a {
        address = 198.51.100.11
        active = 1
    }
    server again {
        address = 198.51.100.11
        active = 1
        weight = 9
    }
}
virtual marked {
    active = 1
    address = 192.0.2.82 eth0:3
    fwmark = 7
    port = 443
    server c {
        address = 198.51.100.13
        active = 1
    }
}
virtual idle {
    active = 0
    address = 192.0.2.83 eth0:4
    server d {
        address = 198.51.100.14
        active = 1
    }
}
`;

test('one monitor per active pair, with the 0.8.x nanny argv of section 5.3', () => {
  const monitors = monitorsOf(parse(CONFIG), { verbose: true, foreground: true });
  expect(monitors.map((m) => m.id)).toEqual([
    'tcp:192.0.2.80:80/198.51.100.11:8080',
    'udp:192.0.2.81:53/198.51.100.11:53',
    'fwm:7/198.51.100.13:443',
  ]);
  expect(monitors[0]?.label).toBe('web/a');
  expect(monitors[0]?.argv).toEqual([
    '-c',
    '-h',
    '198.51.100.11',
    '-p',
    '80',
    '-r',
    '8080',
    '-s',
    'GET / HTTP/1.0\\r\\n\\r\\n',
    '-x',
    'HTTP',
    '-q',
    '--regex',
    '-v',
    '-a',
    '20',
    '-I',
    '/sbin/ipvsadm',
    '-t',
    '6',
    '-w',
    '3',
    '-V',
    '192.0.2.80',
    '-M',
    'm',
    '-U',
    'ssh',
    '--nodaemon',
    '--lvs',
  ]);
  expect(monitors[1]?.argv).toEqual(
    expect.arrayContaining(['-u', '-e', '/usr/local/bin/check-dns %h']),
  );
  expect(monitors[2]?.argv.slice(0, 9)).toEqual([
    '-c',
    '-h',
    '198.51.100.13',
    '-p',
    '443',
    '-r',
    '443',
    '-f',
    '7',
  ]);
  expect(monitorsOf(parse(CONFIG), QUIET)[0]?.argv).not.toContain('-v');
});

test('a duplicate server shares one monitor and keeps its own configured weight', () => {
  const monitors = monitorsOf(parse(CONFIG), QUIET);
  const dns = monitors[1];
  expect(dns?.pairs).toEqual([
    { key: '1/0', weight: 1 },
    { key: '1/1', weight: 9 },
  ]);
  const view = healthViewOf(monitors, new Map([[dns?.id ?? '', { up: true, weight: null }]]));
  expect(view.servers.get('1/0')?.weight).toBe(1);
  expect(view.servers.get('1/1')?.weight).toBe(9);
  expect(view.servers.has('0/0')).toBe(false);
});

test('groups split by client_monitor and by size, with stable names', () => {
  const monitors = monitorsOf(parse(CONFIG), QUIET);
  const groups = groupMonitors(monitors, 1);
  expect(groups.map((g) => [g.name, g.executable, g.monitors.length])).toEqual([
    ['nanny0', '/usr/sbin/nanny', 1],
    ['nanny1', '/usr/sbin/nanny', 1],
    ['nanny2', '/opt/nanny', 1],
  ]);
  expect(groupMonitors(monitors, 1000).map((g) => g.monitors.length)).toEqual([2, 1]);
});
