// The initramfs: static busybox, test/lab/guest/init.sh as /init, and just the module files
// needed to reach the host's root over 9p. It is rebuilt (in about a second) whenever any of
// those inputs change, so the cache key is a hash of them, not only the kernel version.
import { createHash } from 'node:crypto';
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { findStaticBusybox } from './busybox.js';
import { execToFile } from './exec-to-file.js';
import { loadOrder, readModuleIndex } from './modules.js';
import { guestFilesDir } from './paths.js';

/** What stage 1 needs: virtio PCI transport, 9p over virtio, overlayfs. Dependencies follow. */
export const initramfsModules = ['virtio_pci', '9pnet_virtio', '9p', 'overlay'] as const;

const decompressors: Readonly<Record<string, readonly string[]>> = {
  '.xz': ['xz', '-dc'],
  '.zst': ['zstd', '-dcq'],
  '.gz': ['gzip', '-dc'],
};

/** Copies one module, uncompressed: busybox insmod reads plain .ko files only. */
async function copyModule(source: string, targetDir: string): Promise<string> {
  const ext = path.extname(source);
  const argv = decompressors[ext];
  const base = path.basename(source, argv === undefined ? '' : ext);
  const target = path.join(targetDir, base);
  if (argv === undefined) {
    await copyFile(source, target);
  } else {
    const [command = '', ...args] = argv;
    await execToFile(command, [...args, source], target);
  }
  return base;
}

/** Every path under `root`, directories before their contents, as cpio wants them. */
async function listTree(root: string, dir = '.'): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const paths = [dir];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(dir, entry.name);
    paths.push(...(entry.isDirectory() ? await listTree(root, child) : [child]));
  }
  return paths;
}

/** Builds (or reuses) the initramfs for the kernel whose modules are in `modulesDir`. */
export async function ensureInitramfs(guestDir: string, modulesDir: string): Promise<string> {
  const index = await readModuleIndex(modulesDir);
  const order = loadOrder(index, initramfsModules);
  const busybox = await findStaticBusybox();
  const init = await readFile(path.join(guestFilesDir, 'init.sh'));
  const hash = createHash('sha256').update(init).update(order.join('\n'));
  hash.update(await readFile(busybox));
  const image = path.join(guestDir, `initramfs-${hash.digest('hex').slice(0, 16)}.cpio`);
  if (
    await stat(image).then(
      () => true,
      () => false,
    )
  )
    return image;

  const stage = await mkdtemp(path.join(guestDir, '.initramfs-'));
  try {
    for (const dir of ['bin', 'dev', 'proc', 'sys', 'mnt', 'modules']) {
      await mkdir(path.join(stage, dir));
    }
    await copyFile(busybox, path.join(stage, 'bin', 'busybox'));
    await writeFile(path.join(stage, 'init'), init, { mode: 0o755 });
    await chmod(path.join(stage, 'bin', 'busybox'), 0o755);
    const names: string[] = [];
    for (const file of order) {
      names.push(await copyModule(path.join(modulesDir, file), path.join(stage, 'modules')));
    }
    await writeFile(path.join(stage, 'modules', 'load-order'), names.map((n) => `${n}\n`).join(''));
    const list = (await listTree(stage)).join('\n') + '\n';
    // Write next to the final name, then rename: a concurrent build never sees half a file.
    const partial = `${stage}.cpio`;
    const cpioArgs = ['--quiet', '-o', '-H', 'newc', '-R', '0:0'];
    await execToFile('cpio', cpioArgs, partial, { cwd: stage, input: list });
    await rename(partial, image);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  return image;
}
