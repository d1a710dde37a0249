// packaging/rpm/piranha-ts.spec builds a binary RPM from this tree (rpmbuild --build-in-place
// into a scratch topdir, with Debian's rpm), and that RPM installs into a scratch root where
// its lvsd runs. Runs as root (make package).
import { execa } from 'execa';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../support/run-bin.js';

const SPEC = join(REPO, 'packaging/rpm/piranha-ts.spec');
const SLOW = 240_000;
const version = (
  JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string }
).version;
const executables = (await readdir(join(REPO, 'bin'))).sort();

let dir: string;
let rpmFile: string;
let root: string;

async function rpmQuery(args: readonly string[]): Promise<string> {
  return (await execa('rpm', ['-qp', ...args, rpmFile])).stdout;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpmbuild-'));
  const topdir = join(dir, 'top');
  await mkdir(join(dir, 'tmp'));
  // --nodeps: the build requirements (nodejs, make) are not in Debian's empty rpm database.
  const built = await execa(
    'rpmbuild',
    [
      '-bb',
      '--nodeps',
      '--build-in-place',
      '--define',
      `_topdir ${topdir}`,
      '--define',
      `_tmppath ${join(dir, 'tmp')}`,
      SPEC,
    ],
    { cwd: REPO, reject: false, stdin: 'ignore', timeout: SLOW },
  );
  if (built.exitCode !== 0) throw new Error(`rpmbuild failed:\n${built.stderr.slice(-4000)}`);
  const arch = (await readdir(join(topdir, 'RPMS')))[0] ?? '';
  const [file] = await readdir(join(topdir, 'RPMS', arch));
  rpmFile = join(topdir, 'RPMS', arch, file ?? '');
  root = join(dir, 'root');
  await mkdir(root);
}, SLOW);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the spec and the package carry the version of package.json', async () => {
  expect(await readFile(SPEC, 'utf8')).toMatch(new RegExp(`^Version:\\s+${version}$`, 'm'));
  expect(await rpmQuery(['--queryformat', '%{NAME} %{VERSION}'])).toBe(`piranha-ts ${version}`);
});

test('files, owners and modes as on a RHEL system (SysV branch)', async () => {
  const listing = await rpmQuery([
    '--queryformat',
    '[%{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} %{FILENAMES}\n]',
  ]);
  const files = new Map(
    listing.split('\n').map((line) => {
      const [perms = '', owner = '', path = ''] = line.split(' ');
      return [path, `${perms} ${owner}`];
    }),
  );
  for (const name of executables)
    expect(files.get(`/usr/sbin/${name}`)).toBe('-rwxr-xr-x root:root');
  expect(files.get('/etc/rc.d/init.d/pulse')).toBe('-rwxr-xr-x root:root');
  expect(files.get('/etc/rc.d/init.d/piranha-gui')).toBe('-rwxr-xr-x root:root');
  expect(files.get('/etc/sysconfig/ha/lvs.cf')).toBe('-rw-rw---- root:piranha');
  expect(files.get('/etc/sysconfig/ha')).toBe('drwxr-xr-x root:piranha');
  expect(files.get('/var/log/piranha')).toBe('drwxrwx--- root:piranha');
  expect([...files.keys()]).toEqual(
    expect.arrayContaining([
      '/etc/sysconfig/pulse',
      '/etc/logrotate.d/piranha',
      '/usr/lib/piranha-ts/init-functions',
      '/usr/lib/piranha-ts/node_modules/koffi/index.js',
    ]),
  );
  const pages = [...files.keys()].filter((f) => f.startsWith('/usr/share/man/'));
  expect(pages.some((f) => /\/man5\/lvs\.cf\.5(\.gz)?$/.test(f))).toBe(true);
  expect(pages.some((f) => /\/man8\/pulse\.8(\.gz)?$/.test(f))).toBe(true);
});

test('configuration files are %config(noreplace)', async () => {
  const config = (await rpmQuery(['--configfiles'])).split('\n').sort();
  expect(config).toEqual([
    '/etc/logrotate.d/piranha',
    '/etc/sysconfig/ha/lvs.cf',
    '/etc/sysconfig/pulse',
  ]);
  const flags = await rpmQuery(['--queryformat', '[%{FILEFLAGS:fflags} %{FILENAMES}\n]']);
  expect(flags).toMatch(/^cn \/etc\/sysconfig\/ha\/lvs\.cf$/m);
});

test('scriptlets: the piranha account, chkconfig --add and --del', async () => {
  const scripts = await rpmQuery(['--scripts']);
  expect(scripts).toMatch(/useradd -r -g piranha -d \/etc\/sysconfig\/ha -s \/sbin\/nologin/);
  expect(scripts).toContain('/sbin/chkconfig --add pulse');
  expect(scripts).toContain('/sbin/chkconfig --del pulse');
  expect(scripts).toContain('/sbin/service pulse stop');
});

test('installs into a scratch root, where lvsd runs and reads the sample lvs.cf', async () => {
  const installed = await execa('rpm', ['-i', '--root', root, '--nodeps', '--noscripts', rpmFile], {
    reject: false,
  });
  expect(installed.exitCode).toBe(0);
  const lvsd = join(root, 'usr/sbin/lvsd');
  const version = await execa(lvsd, ['--version'], { cwd: '/', reject: false });
  expect(version).toMatchObject({ exitCode: 0 });
  expect(version.stdout).toMatch(/^Program Version:\tlvsd \d/);
  const table = await execa(lvsd, ['--print-table', '-c', join(root, 'etc/sysconfig/ha/lvs.cf')], {
    cwd: '/',
    reject: false,
  });
  expect(table).toMatchObject({ exitCode: 0 });
  expect(table.stdout).toMatch(/^-A -t 192\.0\.2\.80:80 -s wlc$/m);
}, 60_000);
