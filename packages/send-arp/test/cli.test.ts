// Every way the command line can be wrong, through bin/send_arp. None of these reach the
// packet socket, so they need no privileges.
import { runBin } from '../../../test/support/run-bin.js';

const USAGE =
  'send_arp: sends out custom ARP packet.\n' +
  '\tusage: send_arp [-i dev] src_ip_addr src_hw_addr targ_ip_addr tar_hw_addr';

const good = ['192.0.2.10', '02005E100001', '192.0.2.255', 'ffffffffffff'];

test.each([
  ['no arguments', []],
  ['three arguments', good.slice(0, 3)],
  ['five arguments', [...good, 'extra']],
  ['-i without a device', ['-i']],
  ['-i with too few arguments', ['-i', 'eth0', ...good.slice(0, 3)]],
  ['-i not first', [...good.slice(0, 2), '-i', 'eth0', ...good.slice(2)]],
  ['-i last', [...good, '-i', 'eth0']],
  ['-i glued to its device', ['-ieth0', ...good]],
  ['an unknown option', ['--bogus', ...good]],
  ['an unknown short option', ['-x', 'eth0', ...good]],
  ['-- in front', ['--', ...good]],
])('%s: the usage text, exit 1', async (_name, args) => {
  expect(await runBin('send_arp', args)).toEqual({ exitCode: 1, stdout: '', stderr: USAGE });
});

test.each([
  ['SRC_MAC too short', ['192.0.2.10', '02005E1000', '192.0.2.255', 'ffffffffffff']],
  ['SRC_MAC with a bad digit', ['192.0.2.10', '02005E10000g', '192.0.2.255', 'ffffffffffff']],
  ['SRC_MAC with dashes', ['192.0.2.10', '02-00-5E-10-00-01', '192.0.2.255', 'ffffffffffff']],
  ['SRC_MAC with text after it', ['192.0.2.10', '02005E100001x', '192.0.2.255', 'ffffffffffff']],
  ['TARGET_MAC empty', ['192.0.2.10', '02005E100001', '192.0.2.255', '']],
  ['a bad MAC wins over a bad SRC_IP', ['nosuch.invalid', '02005E10000', '1', 'ffffffffffff']],
])('%s: Invalid hardware address, exit 1', async (_name, args) => {
  expect(await runBin('send_arp', ['-i', 'nosuch0', ...args])).toEqual({
    exitCode: 1,
    stdout: '',
    stderr: 'Invalid hardware address',
  });
});

test.each(['nosuch.invalid', '', '192.0.2.256'])(
  'SRC_IP %j that does not resolve: unknown host, exit 1',
  async (sourceIp) => {
    const run = await runBin('send_arp', [sourceIp, '02005E100001', '1', 'ffffffffffff']);
    expect(run).toEqual({ exitCode: 1, stdout: '', stderr: `send_arp: unknown host ${sourceIp}` });
  },
);

test('--help describes the arguments and exits 0', async () => {
  const run = await runBin('send_arp', ['--help']);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain(
    'Usage: send_arp [-i dev] src_ip_addr src_hw_addr targ_ip_addr tar_hw_addr',
  );
  expect((await runBin('send_arp', ['-?'])).stdout).toBe(run.stdout);
});

test('--version prints three lines', async () => {
  const run = await runBin('send_arp', ['--version']);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(
    /^Program Version:\tsend_arp \d+\.\d+\.\d+\nBuilt:\t\t\t\d\d\/\w{3}\/\d{4}\nA component of:\t\tpiranha-ts-/,
  );
});
