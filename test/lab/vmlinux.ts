// Under TCG, decompressing Debian's xz bzImage takes about 2.5 s of every boot. QEMU can boot
// the uncompressed ELF (vmlinux) directly through its PVH entry point, so extract it once and
// cache it. Best effort: when extraction fails the lab boots vmlinuz as before.
import { open, readFile, rm } from 'node:fs/promises';
import { execToFile } from './exec-to-file.js';

// Payload formats Debian has used for the kernel image, with their stream magic.
const payloads = [
  { magic: Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), argv: ['xz', '-dc'] },
  { magic: Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), argv: ['zstd', '-dcq'] },
] as const;

const elfMagic = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

async function startsWithElf(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (handle === undefined) return false;
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(elfMagic);
  } finally {
    await handle.close();
  }
}

/** Writes the kernel ELF to `target`; returns false (and leaves nothing) when it cannot. */
export async function extractVmlinux(bzImage: string, target: string): Promise<boolean> {
  const image = await readFile(bzImage);
  for (const { magic, argv } of payloads) {
    const offset = image.indexOf(magic);
    if (offset < 0) continue;
    const [command, ...args] = argv;
    // The decompressor complains about the bytes after the stream; only the output matters.
    await execToFile(command, args, target, { input: image.subarray(offset), reject: false });
    if (await startsWithElf(target)) return true;
    await rm(target, { force: true });
  }
  return false;
}
