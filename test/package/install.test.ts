// `make install DESTDIR=...` puts every file where a RHEL system expects it, the installed
// executables run on their own (npm dependencies bundled, koffi from /usr/lib/piranha-ts),
// the installed send_arp puts a real frame on a wire, and `make uninstall` removes the lot
// except the configuration. Runs as root (make package).
import { execa } from 'execa';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeArpFrame } from '@piranha-ts/net';
import { makeInstall, makeUninstall } from '../support/installed-root.js';
import {
  createVethLink,
  deleteNamespaces,
  inNamespace,
  linkMac,
  runId,
  startCapture,
  until,
  type VethLink,
} from '../support/netns.js';
import { REPO } from '../support/run-bin.js';

const SLOW = 120_000;
let dir: string;
let root: string;

const executables = (await readdir(join(REPO, 'bin'))).sort();
const manuals = (await readdir(join(REPO, 'docs'))).filter((f) => /\.[1-8]\.md$/.test(f));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'make-install-'));
  root = join(dir, 'root');
  const installed = await makeInstall(root);
  if (installed.exitCode !== 0) throw new Error(`make install failed: ${installed.stderr}`);
}, SLOW);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function mode(path: string): Promise<string> {
  return ((await stat(join(root, path))).mode & 0o7777).toString(8);
}

test('every file in its place, with its mode', async () => {
  for (const name of executables) expect(await mode(`usr/sbin/${name}`)).toBe('755');
  expect(await mode('etc/rc.d/init.d/pulse')).toBe('755');
  expect(await mode('etc/rc.d/init.d/piranha-gui')).toBe('755');
  expect(await mode('usr/lib/systemd/system/pulse.service')).toBe('644');
  expect(await mode('usr/lib/systemd/system/piranha-gui.service')).toBe('644');
  expect(await mode('etc/sysconfig/pulse')).toBe('644');
  expect(await mode('etc/sysconfig/ha/lvs.cf')).toBe('640');
  expect(await mode('etc/logrotate.d/piranha')).toBe('644');
  expect(await mode('usr/lib/piranha-ts/init-functions')).toBe('644');
  expect(await mode('usr/lib/piranha-ts/node_modules/koffi/index.js')).toBe('644');
  for (const page of manuals) {
    const [name, section] = [page.replace(/\.md$/, ''), page.replace(/^.*\.(\d)\.md$/, '$1')];
    expect(await mode(`usr/share/man/man${section}/${name}`)).toBe('644');
  }
  expect(await readFile(join(root, 'etc/sysconfig/ha/lvs.cf'), 'utf8')).toBe(
    await readFile(join(REPO, 'etc/sysconfig/ha/lvs.cf'), 'utf8'),
  );
});

test('init scripts and units name the installed pulse; reload is a SIGHUP', async () => {
  const init = await readFile(join(root, 'etc/rc.d/init.d/pulse'), 'utf8');
  expect(init).toContain('# chkconfig: - 60 10');
  expect(init).toContain('PULSE=/usr/sbin/pulse');
  expect(init).not.toContain('@');
  const unit = await readFile(join(root, 'usr/lib/systemd/system/pulse.service'), 'utf8');
  expect(unit).toContain('ExecStart=/usr/sbin/pulse $OPTIONS');
  expect(unit).toContain('ExecReload=/bin/kill -HUP $MAINPID');
  expect(unit).toContain('EnvironmentFile=-/etc/sysconfig/pulse');
});

describe.each(executables)('installed %s', (name) => {
  test('--version and --help run from the installed tree alone', async () => {
    // cwd /: nothing of the repository (or its node_modules) is on any lookup path.
    const file = join(root, 'usr/sbin', name);
    const version = await execa(file, ['--version'], { cwd: '/', reject: false });
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(new RegExp(`^Program Version:\\t${name} \\d`));
    const help = await execa(file, ['--help'], { cwd: '/', reject: false });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: ${name} `));
  }, 30_000);
});

test('installed manual pages format with man -l', async () => {
  for (const page of manuals) {
    const [name, section] = [page.replace(/\.md$/, ''), page.replace(/^.*\.(\d)\.md$/, '$1')];
    const run = await execa('man', ['-l', join(root, `usr/share/man/man${section}/${name}`)], {
      reject: false,
      env: { MANWIDTH: '80' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^NAME\n/m);
  }
}, 30_000);

describe('installed send_arp on a wire', () => {
  const id = runId();
  const link: VethLink = {
    a: { ns: `pts-inst-${id}-s`, ifname: `ins${id}s`, address: '198.51.100.1' },
    b: { ns: `pts-inst-${id}-r`, ifname: `ins${id}r`, address: '198.51.100.2' },
    prefixLength: 24,
  };

  beforeAll(async () => {
    await createVethLink(link);
  }, SLOW);
  afterAll(async () => {
    await deleteNamespaces([link.a.ns, link.b.ns]);
  });

  test(
    'sends one ARP reply through koffi from /usr/lib/piranha-ts',
    async () => {
      const mac = (await linkMac(link.a.ns, link.a.ifname)).replace(/:/g, '');
      const capture = await startCapture(link.b, join(dir, 'arp.pcap'), ['arp']);
      try {
        const sent = await inNamespace(link.a.ns, join(root, 'usr/sbin/send_arp'), [
          '-i',
          link.a.ifname,
          '198.51.100.80',
          mac,
          '198.51.100.255',
          'ffffffffffff',
        ]);
        expect({ exitCode: sent.exitCode, stderr: sent.stderr }).toEqual({
          exitCode: 0,
          stderr: '',
        });
        const records = await until(capture.records, (r) => r.length > 0);
        expect(records).toHaveLength(1);
        const frame = decodeArpFrame(records[0]?.data ?? new Uint8Array());
        expect(frame.ok && frame.frame.senderIp).toBe('198.51.100.80');
      } finally {
        await capture.stop();
      }
    },
    SLOW,
  );
});

test('make uninstall removes everything but the configuration', async () => {
  const removed = await makeUninstall(root);
  expect(removed.exitCode).toBe(0);
  const left = await execa('find', [root, '-type', 'f'], { reject: false });
  expect(
    String(left.stdout)
      .split('\n')
      .map((f) => f.slice(root.length))
      .sort(),
  ).toEqual(['/etc/sysconfig/ha/lvs.cf', '/etc/sysconfig/pulse']);
}, 30_000);
