// nanny's entry point: the command line, then one real server on its own (standalone, with
// ipvsadm) or the group of monitors lvsd assigns over its socket.
import { createLogger, parseArgv, userError } from '@piranha-ts/daemon';
import { nannyCommand } from './cli.js';
import { runGroup } from './io/group.js';
import { runStandalone } from './io/standalone.js';
import { monitorSettings } from './settings.js';

/** lvsd opens its socket before starting nannies; this covers a slow start of either. */
const CONNECT_FOR_MS = 10_000;

export async function main(argv: readonly string[]): Promise<number> {
  const command = nannyCommand();
  const early = parseArgv(command, argv);
  if (early !== undefined) return early;
  const raw = command.opts();
  const socket = typeof raw['lvsdSocket'] === 'string' ? raw['lvsdSocket'] : undefined;
  const group = typeof raw['group'] === 'string' ? raw['group'] : undefined;
  const logger = createLogger({
    program: 'nanny',
    foreground: raw['nodaemon'] === true,
    verbose: raw['verbose'] === true,
    alsoSyslog: true,
  });
  if (socket !== undefined || group !== undefined) {
    if (socket === undefined) return userError('nanny', '--group needs --lvsd-socket');
    if (group === undefined) return userError('nanny', '--lvsd-socket needs --group');
    return runGroup({ socket, group, connectForMs: CONNECT_FOR_MS }, logger);
  }
  if (command.args.length > 0) {
    return userError('nanny', `unexpected arguments: ${command.args.join(' ')}`);
  }
  const parsed = monitorSettings(raw);
  if (!parsed.ok) return userError('nanny', parsed.message);
  const ipvsadm = String(raw['ipvsadm']);
  const testStart = raw['testStart'] === true || raw['norun'] === true;
  return runStandalone(parsed.settings, { ipvsadm, testStart }, logger);
}
