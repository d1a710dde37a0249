// Atomic lvs.cf writes: a temporary file in the same directory, fsync, rename over the old
// file, fsync the directory. Readers see the old file or the new one, never half of either.
import { open, rename, rm, stat, chown } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** lvs.cf is root:piranha 0660 on a Piranha router. */
const DEFAULT_MODE = 0o660;

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const previous = await stat(file).catch(() => undefined);
  const mode = previous === undefined ? DEFAULT_MODE : previous.mode & 0o7777;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (previous !== undefined) await chown(temp, previous.uid, previous.gid).catch(() => {});
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
