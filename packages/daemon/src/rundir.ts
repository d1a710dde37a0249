// Where the daemons put their control sockets: /var/run/piranha, or $PIRANHA_RUNDIR (tests,
// several instances on one machine). Children inherit the variable, so a pulse, its lvsd and
// their nannies always agree.
import { join } from 'node:path';

export const DEFAULT_RUNDIR = '/var/run/piranha';

/** `<run directory>/<name>`, e.g. socketPath('lvsd.sock'). */
export function socketPath(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['PIRANHA_RUNDIR'];
  return join(dir !== undefined && dir !== '' ? dir : DEFAULT_RUNDIR, name);
}
