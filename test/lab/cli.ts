// Manual runner behind test/lab/run.sh: boots the lab once and runs one script or command,
// printing its output live and exiting with its status.
import { LabError, runInLab, type LabScript } from './index.js';

const usage = `usage: test/lab/run.sh [options] SCRIPT [ARGS...]
       test/lab/run.sh [options] -- COMMAND [ARGS...]
SCRIPT is an executable file outside /tmp (relative paths are from the repository root).
options: --timeout SECONDS (300)  --cpus N (1)  --memory MIB (1024)  --kernel VERSION`;

interface CliArgs {
  readonly script: LabScript;
  readonly options: Record<string, number | string>;
}

function parseArgs(args: readonly string[]): CliArgs {
  const options: Record<string, number | string> = {};
  const names: Record<string, string> = {
    '--timeout': 'timeoutMs',
    '--cpus': 'cpus',
    '--memory': 'memoryMb',
    '--kernel': 'kernelVersion',
  };
  let i = 0;
  for (; i < args.length && args[i]?.startsWith('--') === true && args[i] !== '--'; i += 2) {
    const name = names[args[i] ?? ''];
    const value = args[i + 1];
    if (name === undefined || value === undefined) throw new Error(usage);
    if (name === 'kernelVersion') options[name] = value;
    else options[name] = Number(value) * (name === 'timeoutMs' ? 1000 : 1);
    if (Number.isNaN(options[name])) throw new Error(usage);
  }
  const rest = args.slice(i);
  if (rest[0] === '--' && rest.length > 1) return { script: { argv: rest.slice(1) }, options };
  const [scriptPath, ...scriptArgs] = rest;
  if (scriptPath === undefined || scriptPath === '--') throw new Error(usage);
  return { script: { scriptPath, args: scriptArgs }, options };
}

async function main(): Promise<number> {
  let parsed: CliArgs;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  try {
    const result = await runInLab(parsed.script, {
      ...parsed.options,
      onLine: (line) => process.stdout.write(`${line}\n`),
    });
    const seconds = (ms: number): string => (ms / 1000).toFixed(1);
    process.stderr.write(
      `lab: exit ${result.exitCode}; script started ${seconds(result.bootMs)} s after qemu, ` +
        `whole run ${seconds(result.totalMs)} s\n`,
    );
    return result.exitCode;
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    process.stderr.write(`lab: ${error.code}: ${error.message}\n`);
    return 125;
  }
}

process.exitCode = await main();
