// pulse entry point: parse options, load lvs.cf, decide the role. Only the configuration
// check (-t/--test-start) is available so far; the heartbeat loop is not part of this build.
import { networkInterfaces } from 'node:os';
import { describeLoadFailure, describeWarnings, loadLvsCf } from '@piranha-ts/config/io';
import { parseArgv, userError } from '@piranha-ts/daemon';
import { pulseCommand, pulseOptions } from './cli.js';
import { planStartup } from './startup.js';

function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addrs) => addrs ?? [])
    .filter((a) => a.family === 'IPv4')
    .map((a) => a.address);
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = pulseCommand();
  const early = parseArgv(command, argv);
  if (early !== undefined) return early;
  const options = pulseOptions(command.opts());
  const loaded = await loadLvsCf(options.configfile);
  if (!loaded.ok) {
    process.stderr.write(`${describeLoadFailure('pulse', options.configfile, loaded)}\n`);
    return 1;
  }
  for (const line of describeWarnings(options.configfile, loaded.diagnostics)) {
    process.stderr.write(`${line}\n`);
  }
  const started = planStartup(loaded.config, options.configfile, localAddresses());
  for (const line of started.ok ? started.plan.log : started.log)
    process.stdout.write(`pulse: ${line}\n`);
  if (!started.ok) return started.exitCode === 255 ? 255 : userError('pulse', started.message);
  if (!options.testStart) {
    return userError(
      'pulse',
      'the heartbeat daemon is not available in this build; use -t to check the configuration',
    );
  }
  const { plan } = started;
  process.stdout.write(
    `pulse: ${options.configfile} is valid: ${plan.activeServices} active ${plan.config.service} service(s); ` +
      `this router is the ${plan.role === 'master' ? 'primary' : 'backup'} (heartbeat on ${plan.bindAddress}:${plan.config.heartbeatPort})\n`,
  );
  return 0;
}
