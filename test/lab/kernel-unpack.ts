// Download and unpack one Debian kernel package into a directory laid out for the lab:
//   <dir>/vmlinuz, <dir>/vmlinux (when it can be extracted), <dir>/lib/modules/<version>/
import { execa } from 'execa';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { KernelPackage } from './kernel-package.js';
import { extractVmlinux } from './vmlinux.js';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Fills `dir` (which must exist and be empty) with the kernel and its modules, depmod'ed. */
export async function unpackKernel(kernel: KernelPackage, dir: string): Promise<void> {
  const download = path.join(dir, 'download');
  await mkdir(download);
  await execa('apt-get', ['download', kernel.name], { cwd: download });
  const debs = (await readdir(download)).filter((f) => f.endsWith('.deb'));
  if (debs.length !== 1 || debs[0] === undefined) {
    throw new Error(`apt-get download ${kernel.name} left ${debs.length} .deb files`);
  }
  const tree = path.join(dir, 'tree');
  await execa('dpkg-deb', ['-x', path.join(download, debs[0]), tree]);

  // Bookworm ships /lib/modules, later releases /usr/lib/modules: take whichever is there.
  const candidates = ['lib/modules', 'usr/lib/modules'].map((d) =>
    path.join(tree, d, kernel.version),
  );
  const found = (await Promise.all(candidates.map(exists))).indexOf(true);
  const modules = candidates[found];
  if (modules === undefined) throw new Error(`${kernel.name} has no modules for ${kernel.version}`);
  await mkdir(path.join(dir, 'lib', 'modules'), { recursive: true });
  await rename(modules, path.join(dir, 'lib', 'modules', kernel.version));
  await rename(path.join(tree, 'boot', `vmlinuz-${kernel.version}`), path.join(dir, 'vmlinuz'));
  const config = await readFile(path.join(tree, 'boot', `config-${kernel.version}`), 'utf8');
  await rm(tree, { recursive: true, force: true });
  await rm(download, { recursive: true, force: true });

  await execa('depmod', ['-b', dir, kernel.version]);
  // QEMU boots an ELF kernel only through its PVH entry point.
  if (/^CONFIG_PVH=y$/m.test(config)) {
    await extractVmlinux(path.join(dir, 'vmlinuz'), path.join(dir, 'vmlinux'));
  }
}
