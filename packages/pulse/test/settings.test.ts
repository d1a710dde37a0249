import { parseLvsCf, type LvsConfig } from '@piranha-ts/config';
import { besideSelf, lvsdCommand, syncDaemonCommands, userCommand } from '../src/argv.js';
import { floatingAddresses, heartbeatAddresses, pulseSettings } from '../src/settings.js';
import { planStartup } from '../src/startup.js';

function config(text: string): LvsConfig {
  const parsed = parseLvsCf(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.config;
}

const PAIR = 'primary = 203.0.113.1\nbackup = 203.0.113.2\nbackup_active = 1\n';
const web = (name: string, address: string, active = 1, extra = '') =>
  `virtual ${name} {\n active = ${active}\n address = ${address}\n${extra}}\n`;

describe('floating addresses', () => {
  test('each active VIP once, in order, then the NAT router of a NAT set-up', () => {
    const cf = config(
      `${PAIR}network = nat\nnat_router = 10.0.0.254 eth1:1\nnat_nmask = 255.255.255.0\n` +
        web('off', '203.0.113.90 eth0:9', 0) +
        web('a', '203.0.113.100 eth0:1', 1, ' vip_nmask = 255.255.255.128\n') +
        web('b', '203.0.113.100 eth0:1') +
        web('c', '203.0.113.101 eth0:2'),
    );
    expect(floatingAddresses(cf)).toEqual([
      { address: '203.0.113.100', device: 'eth0:1', maskBits: 25 },
      { address: '203.0.113.101', device: 'eth0:2', maskBits: undefined },
      { address: '10.0.0.254', device: 'eth1:1', maskBits: 24 },
    ]);
  });

  test('no NAT router address under direct routing', () => {
    const cf = config(
      `${PAIR}network = direct\nnat_router = 10.0.0.254 eth1:1\n${web('a', '203.0.113.100 eth0:1')}`,
    );
    expect(floatingAddresses(cf).map((f) => f.address)).toEqual(['203.0.113.100']);
  });
});

describe('heartbeat addresses', () => {
  const both = `${PAIR}primary_private = 198.51.100.1\nbackup_private = 198.51.100.2\nheartbeat_port = 1050\n`;

  test('own and partner addresses by role, with the private path', () => {
    expect(heartbeatAddresses(config(both), 'backup')).toEqual({
      port: 1050,
      own: { public: '203.0.113.2', private: '198.51.100.2' },
      partner: { public: '203.0.113.1', private: '198.51.100.1' },
    });
    expect(heartbeatAddresses(config(both), 'master').own.private).toBe('198.51.100.1');
  });

  test('no private path unless both private addresses are set and differ from ours', () => {
    const one = config(`${PAIR}primary_private = 198.51.100.1\n`);
    expect(heartbeatAddresses(one, 'master').own.private).toBeUndefined();
    const same = config(`${PAIR}primary_private = 203.0.113.1\nbackup_private = 198.51.100.2\n`);
    expect(heartbeatAddresses(same, 'master')).toMatchObject({
      own: { private: undefined },
      partner: { private: undefined },
    });
  });
});

test('the state machine options from lvs.cf and the command line', () => {
  const cf = config(
    `${PAIR}keepalive = 0.2\ndeadtime = 0.6\nmonitor_links = 1\nsyncdaemon = 1\n` +
      `active_cmd = "/bin/true up"\n${web('a', '203.0.113.100 eth0:1')}`,
  );
  const started = planStartup(cf, 'lvs.cf', ['203.0.113.2']);
  if (!started.ok) throw new Error(started.message);
  expect(pulseSettings(started.plan, { forceActive: true }, undefined).machine).toEqual({
    role: 'backup',
    backupActive: true,
    privateChannel: false,
    keepalive: 0.2,
    deadtime: 0.6,
    forceActive: true,
    monitorLinks: true,
    syncDaemon: true,
    activeCmd: '/bin/true up',
    inactiveCmd: undefined,
  });
});

describe('argument vectors', () => {
  test('lvsd as the original started it', () => {
    const flags = { foreground: false, verbose: false };
    expect(lvsdCommand('/usr/sbin/lvsd', '/etc/sysconfig/ha/lvs.cf', flags)).toEqual({
      file: '/usr/sbin/lvsd',
      args: ['--nofork', '-c', '/etc/sysconfig/ha/lvs.cf'],
    });
    expect(lvsdCommand('bin/lvsd', 'x.cf', { foreground: true, verbose: true }).args).toEqual([
      '--nodaemon',
      '-c',
      'x.cf',
      '-v',
    ]);
  });

  test('the sync daemon: stop both, start one, sync id masked to 8 bits', () => {
    expect(syncDaemonCommands('/sbin/ipvsadm', 'master', 'eth1', 300).map((c) => c.args)).toEqual([
      ['--stop-daemon', 'backup'],
      ['--stop-daemon', 'master'],
      ['--start-daemon', 'master', '--mcast-interface', 'eth1', '--syncid', '44'],
    ]);
  });

  test('active_cmd split on spaces, no shell', () => {
    expect(userCommand('/usr/local/bin/notify  "a b"  now')).toEqual({
      file: '/usr/local/bin/notify',
      args: ['"a', 'b"', 'now'],
    });
    expect(userCommand('   ')).toBeUndefined();
  });

  test("lvsd and send_arp default to pulse's siblings", () => {
    expect(besideSelf('/usr/sbin/pulse', 'lvsd')).toBe('/usr/sbin/lvsd');
    expect(besideSelf('/opt/piranha/bin/pulse', 'send_arp')).toBe('/opt/piranha/bin/send_arp');
  });
});
