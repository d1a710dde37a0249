// One monitor's command line as lvsd sends it in an `assign`: parsed like a standalone
// nanny's, but every problem comes back as a message instead of output and an exit.
import { CommanderError } from 'commander';
import { describeArgvError } from '@piranha-ts/daemon';
import { monitorCommand } from './cli.js';
import { monitorSettings, type SettingsResult } from './settings.js';

export function parseMonitorArgv(argv: readonly string[]): SettingsResult {
  const command = monitorCommand();
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { ok: false, message: describeArgvError(error) };
  }
  return monitorSettings(command.opts());
}
