// Runs one of our executables from bin/ (the built packages) and captures what it printed.
import { execa } from 'execa';
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
