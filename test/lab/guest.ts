// The guest image: a Debian kernel, its modules and an initramfs, cached per kernel version
// under .cache/lab/guest/<version>/. Builds happen in a temporary directory that is renamed
// into place, so two concurrent builds (two jest workers, two terminals) both end up with a
// complete image and neither sees a half-built one.
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureInitramfs } from './initramfs.js';
import { resolveKernelPackage, type KernelPackage } from './kernel-package.js';
import { unpackKernel } from './kernel-unpack.js';
import { guestCacheDir } from './paths.js';

export interface Guest {
  readonly kernelVersion: string;
  /** vmlinux (fast PVH boot) when it could be extracted, else the compressed vmlinuz. */
  readonly kernel: string;
  readonly initramfs: string;
  /** Bind-mounted over /lib/modules in the guest, so modprobe finds this kernel's modules. */
  readonly modulesDir: string;
}

export interface GuestOptions {
  /** Kernel release to use (e.g. 6.1.0-56-amd64); default: what linux-image-amd64 wants. */
  readonly kernelVersion?: string;
}

const staleBuildMs = 60 * 60 * 1000;

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Removes build directories left by a build that was killed long ago. */
async function sweepStaleBuilds(): Promise<void> {
  for (const name of await readdir(guestCacheDir)) {
    if (!name.startsWith('.build-')) continue;
    const dir = path.join(guestCacheDir, name);
    const info = await stat(dir).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > staleBuildMs) {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** The newest kernel already in the cache: lets the lab run when apt has no package lists. */
async function newestCachedVersion(): Promise<string | undefined> {
  const names = (await readdir(guestCacheDir)).filter((n) => !n.startsWith('.'));
  return names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
}

async function chooseKernel(options: GuestOptions): Promise<KernelPackage> {
  const version = options.kernelVersion;
  if (version !== undefined) return { name: `linux-image-${version}`, version };
  const resolved = await resolveKernelPackage();
  if (resolved !== undefined) return resolved;
  const cached = await newestCachedVersion();
  if (cached !== undefined) return { name: `linux-image-${cached}`, version: cached };
  throw new Error('apt-cache does not know linux-image-amd64: run apt-get update');
}

async function buildKernelDir(kernel: KernelPackage, dir: string): Promise<void> {
  const started = Date.now();
  const temp = await mkdtemp(path.join(guestCacheDir, `.build-${kernel.version}-`));
  try {
    await unpackKernel(kernel, temp);
    const manifest = {
      ...kernel,
      builtAt: new Date().toISOString(),
      buildMs: Date.now() - started,
    };
    await writeFile(path.join(temp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    await rename(temp, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another build finished first: its directory is complete, use it.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Returns a bootable guest image, building whatever part of it is missing. */
export async function ensureGuest(options: GuestOptions = {}): Promise<Guest> {
  await mkdir(guestCacheDir, { recursive: true });
  await sweepStaleBuilds();
  const kernel = await chooseKernel(options);
  const dir = path.join(guestCacheDir, kernel.version);
  if (!(await exists(path.join(dir, 'manifest.json')))) await buildKernelDir(kernel, dir);
  const modulesDir = path.join(dir, 'lib', 'modules');
  const initramfs = await ensureInitramfs(dir, path.join(modulesDir, kernel.version));
  const vmlinux = path.join(dir, 'vmlinux');
  const kernelImage = (await exists(vmlinux)) ? vmlinux : path.join(dir, 'vmlinuz');
  return { kernelVersion: kernel.version, kernel: kernelImage, initramfs, modulesDir };
}
