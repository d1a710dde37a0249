// Which Debian kernel the lab boots: the one the linux-image-amd64 metapackage points at, so
// the lab follows Debian's current stable kernel without a version written down anywhere.
import { execa } from 'execa';

export interface KernelPackage {
  /** Debian package name, e.g. linux-image-6.1.0-56-amd64. */
  readonly name: string;
  /** Kernel release (uname -r, the lib/modules directory name), e.g. 6.1.0-56-amd64. */
  readonly version: string;
}

const metapackage = 'linux-image-amd64';

/** Reads the kernel package out of `apt-cache depends` output; undefined when absent. */
export function parseKernelDepends(aptCacheOutput: string): KernelPackage | undefined {
  for (const line of aptCacheOutput.split('\n')) {
    const match = /^\s*\|?Depends:\s*linux-image-(\S+-amd64)\s*$/.exec(line);
    if (match?.[1] !== undefined && !match[1].includes('unsigned')) {
      return { name: `linux-image-${match[1]}`, version: match[1] };
    }
  }
  return undefined;
}

/** Asks apt which kernel package linux-image-amd64 depends on (needs apt lists, no root). */
export async function resolveKernelPackage(): Promise<KernelPackage | undefined> {
  const result = await execa('apt-cache', ['depends', metapackage], { reject: false });
  return result.exitCode === 0 ? parseKernelDepends(result.stdout) : undefined;
}
