// Runs one of our executables from bin/ (the built packages) and captures what it printed.
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface BinResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runBin(name: string, args: readonly string[]): Promise<BinResult> {
  const result = await execa(`${REPO}bin/${name}`, args, { reject: false, timeout: 30_000 });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A scratch directory for configuration files, made before and removed after the test file;
 * returns a function that writes one file there and gives its path.
 */
export function scratchConfigs(prefix: string): (name: string, text: string) => Promise<string> {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return async (name, text) => {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };
}
