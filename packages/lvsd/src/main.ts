// lvsd entry point: options, configuration, then one of --print-table, --test-start or the
// daemon itself.
import { describeLoadFailure, describeWarnings, loadLvsCf } from '@piranha-ts/config/io';
import { parseArgv, userError } from '@piranha-ts/daemon';
import { renderSaveFormat } from '@piranha-ts/ipvs';
import { lvsdCommand, lvsdOptions } from './cli.js';
import { allHealthy, planTable, startCommands } from './plan.js';
import { runDaemon } from './daemon.js';

/** `running command "arg0" "arg1" ...`, the original's command log line. */
function commandLine(argv: readonly string[]): string {
  return `running command ${argv.map((a) => `"${a}"`).join(' ')}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = lvsdCommand();
  const early = parseArgv(command, argv);
  if (early !== undefined) return early;
  const parsed = lvsdOptions(command.opts());
  if (!parsed.ok) return userError('lvsd', parsed.message);
  const { options } = parsed;
  const file = options.configfile;
  const loaded = await loadLvsCf(file);
  if (!loaded.ok) {
    process.stderr.write(`${describeLoadFailure('lvsd', file, loaded)}\n`);
    return 1;
  }
  for (const line of describeWarnings(file, loaded.diagnostics)) process.stderr.write(`${line}\n`);
  const plan = planTable(loaded.config, loaded.source, file, allHealthy(loaded.config));
  if (!plan.ok) {
    process.stderr.write(`lvsd: error parsing ${file}\n${plan.errors.join('\n')}\n`);
    return 1;
  }
  if (options.printTable) {
    process.stdout.write(renderSaveFormat(plan.table));
    return 0;
  }
  if (options.testStart) {
    const ipvsadm = loaded.config.ipvsadm;
    for (const args of startCommands(loaded.config, plan.table, options.clearTable)) {
      process.stdout.write(`lvsd: ${commandLine([ipvsadm, ...args])}\n`);
    }
    return 0;
  }
  return runDaemon(options, loaded, argv);
}
