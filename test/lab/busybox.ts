// The initramfs runs busybox before any library is reachable, so it must be the static build
// (Debian's busybox-static). A dynamic one would fail as PID 1 with a bare kernel panic.
import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';

const candidates = ['/usr/bin/busybox', '/bin/busybox'];
const PT_INTERP = 3;

/** True when the 64-bit little-endian ELF image asks for no program interpreter. */
export function isStaticElf(image: Buffer): boolean {
  if (image.readUInt32BE(0) !== 0x7f454c46 || image[4] !== 2 || image[5] !== 1) return false;
  const phoff = Number(image.readBigUInt64LE(0x20));
  const phentsize = image.readUInt16LE(0x36);
  const phnum = image.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    if (image.readUInt32LE(phoff + i * phentsize) === PT_INTERP) return false;
  }
  return true;
}

/** Path of a statically linked busybox on the host, or an error naming the package. */
export async function findStaticBusybox(): Promise<string> {
  for (const file of candidates) {
    const ok = await access(file, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (ok && isStaticElf(await readFile(file))) return file;
  }
  throw new Error('the kernel lab needs a static busybox: apt-get install busybox-static');
}
