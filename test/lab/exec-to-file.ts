// Runs a command with its stdout going straight into a file. execa's { file } target pipes
// through Node (12 s instead of 0.6 s for a 65 MB vmlinux here), whereas an opened file
// stream is handed to the child as its file descriptor.
import { execa, type Options, type Result } from 'execa';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export async function execToFile(
  command: string,
  args: readonly string[],
  target: string,
  options: Pick<Options, 'cwd' | 'input' | 'reject'> = {},
): Promise<Result> {
  const file = createWriteStream(target);
  await once(file, 'open');
  try {
    return await execa(command, args, { ...options, stdout: file });
  } finally {
    file.end();
    await once(file, 'close');
  }
}
