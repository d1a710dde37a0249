import { join } from 'node:path';
import { REPO, runBin, scratchConfigs } from '../../../test/support/run-bin.js';

const cf = scratchConfigs('lvsd-cli-');

const FWMARK = `network = direct
tcp_timeout = 900
virtual http {
    active = 1
    address = 192.0.2.80 eth0:1
    fwmark = 80
    persistent = 300
    pmask = 255.255.255.0
    scheduler = wrr
    server a {
        address = 198.51.100.11
        active = 1
        weight = 3
    }
    server b {
        address = 198.51.100.12
        active = 0
    }
}
virtual dns {
    active = 1
    address = 192.0.2.53 eth0:2
    port = domain
    protocol = udp
    scheduler = rr
    server ns1 {
        address = 198.51.100.21
        active = 1
    }
}
virtual old {
    active = 0
    address = 192.0.2.99 eth0:3
}
`;

test('--print-table prints the table in ipvsadm -Sn format', async () => {
  const run = await runBin('lvsd', ['--print-table', '-c', await cf('fwmark.cf', FWMARK)]);
  expect(run).toMatchObject({ exitCode: 0, stderr: '' });
  expect(run.stdout.split('\n')).toEqual([
    '-A -u 192.0.2.53:53 -s rr',
    '-a -u 192.0.2.53:53 -r 198.51.100.21:53 -g -w 1',
    '-A -f 80 -s wrr -p 300 -M 255.255.255.0',
    '-a -f 80 -r 198.51.100.11:80 -g -w 3',
  ]);
});

test('--test-start prints every command a start runs and runs none', async () => {
  const run = await runBin('lvsd', ['-t', '-c', await cf('fwmark2.cf', FWMARK)]);
  expect(run.exitCode).toBe(0);
  expect(run.stdout.split('\n')).toEqual([
    'lvsd: running command "/sbin/ipvsadm" "--set" "900" "0" "0"',
    'lvsd: running command "/sbin/ipvsadm" "-A" "-f" "80" "-s" "wrr" "-p" "300" "-M" "255.255.255.0"',
    'lvsd: running command "/sbin/ipvsadm" "-a" "-f" "80" "-r" "198.51.100.11:80" "-g" "-w" "3"',
    'lvsd: running command "/sbin/ipvsadm" "-A" "-u" "192.0.2.53:53" "-s" "rr"',
    'lvsd: running command "/sbin/ipvsadm" "-a" "-u" "192.0.2.53:53" "-r" "198.51.100.21:53" "-g" "-w" "1"',
  ]);
});

test('the sample configuration prints its NAT table', async () => {
  const run = await runBin('lvsd', ['--print-table', '-c', join(REPO, 'etc/sysconfig/ha/lvs.cf')]);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain(
    '-A -t 192.0.2.80:80 -s wlc\n-a -t 192.0.2.80:80 -r 198.51.100.11:80 -m -w 1',
  );
});

test('a bad file prints every error and exits 1 without a stack trace', async () => {
  const file = await cf(
    'bad.cf',
    FWMARK.replace('weight = 3', 'weight = heavy').replace('scheduler = rr', 'scheduler = fastest'),
  );
  const run = await runBin('lvsd', ['--print-table', '-c', file]);
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')).toEqual([
    `lvsd: error parsing ${file} on line 13 (2 errors):`,
    `${file}:13:18: weight: expected a non-negative integer, got "heavy"`,
    `${file}:25:17: scheduler: expected one of rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos, got "fastest"`,
  ]);
});

test('validator errors stop the start too', async () => {
  const file = await cf(
    'dup.cf',
    'virtual a {\n active = 1\n address = 192.0.2.80 eth0:1\n}\nvirtual b {\n active = 1\n address = 192.0.2.80 eth0:1\n}\n',
  );
  const run = await runBin('lvsd', ['-t', '-c', file]);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain(
    `${file}:5:1: virtual: tcp 192.0.2.80:80 is already defined by virtual server a on line 1`,
  );
});

test('bad options', async () => {
  expect(await runBin('lvsd', ['--reconcile-interval', 'x'])).toMatchObject({
    exitCode: 1,
    stderr: 'lvsd: bad argument --reconcile-interval: expected seconds >= 1, got "x"',
  });
  expect(await runBin('lvsd', ['-q'])).toMatchObject({
    exitCode: 1,
    stderr: 'lvsd: bad argument -q: unknown option',
  });
});
