// Where the lab keeps its files. Everything the guest must read lives under the repository
// (shared with the guest over 9p); the guest's /tmp is its own tmpfs, so nothing goes there.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest parent holding the lab's guest files. Found by walking up
 * because this file also runs compiled from .cache/lab/runner/ (test/lab/run.sh). */
function findRepoRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'test', 'lab', 'guest', 'stage2.sh'))) return dir;
  }
  throw new Error(`no repository with test/lab/guest/ above ${start}`);
}

export const repoRoot: string = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

/** Downloads, unpacked kernels and initramfs images; git-ignored. */
export const labCacheDir: string = path.join(repoRoot, '.cache', 'lab');

/** One directory per kernel version: vmlinux or vmlinuz, lib/modules/, initramfs images. */
export const guestCacheDir: string = path.join(labCacheDir, 'guest');

/** Per-run directories the guest reads its script and settings from. */
export const runsDir: string = path.join(labCacheDir, 'runs');

/** Files that are part of the guest image itself. */
export const guestFilesDir: string = path.join(repoRoot, 'test', 'lab', 'guest');
