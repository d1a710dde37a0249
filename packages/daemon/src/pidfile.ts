// Pid files in /var/run, written on start and removed on orderly exit.
import { rm, writeFile } from 'node:fs/promises';

export async function writePidFile(path: string, pid: number): Promise<string | undefined> {
  try {
    await writeFile(path, `${pid}\n`, { mode: 0o644 });
    return undefined;
  } catch (error) {
    return `failed to open ${path}: ${(error as Error).message}`;
  }
}

export async function removePidFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
