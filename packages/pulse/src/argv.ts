// The programs pulse runs, as argument vectors (reference 4.10): lvsd, the IPVS sync daemon
// commands, active_cmd / inactive_cmd. No shell is involved anywhere.
import { dirname, join } from 'node:path';

export interface Command {
  readonly file: string;
  readonly args: readonly string[];
}

/**
 * `lvsd --nofork -c FILE` under a daemon pulse, `lvsd --nodaemon -c FILE` under a foreground
 * one (so lvsd logs where pulse does), plus `-v` when pulse is verbose.
 */
export function lvsdCommand(
  lvsd: string,
  configFile: string,
  flags: { readonly foreground: boolean; readonly verbose: boolean },
): Command {
  const mode = flags.foreground ? '--nodaemon' : '--nofork';
  return { file: lvsd, args: [mode, '-c', configFile, ...(flags.verbose ? ['-v'] : [])] };
}

/** The sync daemon as master or backup: stop both kinds, then start the wanted one (4.10.4). */
export function syncDaemonCommands(
  ipvsadm: string,
  state: 'master' | 'backup',
  iface: string,
  syncId: number,
): readonly Command[] {
  return [
    { file: ipvsadm, args: ['--stop-daemon', 'backup'] },
    { file: ipvsadm, args: ['--stop-daemon', 'master'] },
    {
      file: ipvsadm,
      args: ['--start-daemon', state, '--mcast-interface', iface, '--syncid', String(syncId & 255)],
    },
  ];
}

/**
 * active_cmd / inactive_cmd: split on spaces, the first word is the program (an absolute
 * path in the original, which used execv). Runs of spaces do not make empty arguments.
 */
export function userCommand(text: string): Command | undefined {
  const words = text.split(' ').filter((w) => w !== '');
  const [file, ...args] = words;
  return file === undefined ? undefined : { file, args };
}

/** A sibling program: `/usr/sbin/lvsd` beside `/usr/sbin/pulse`, `bin/lvsd` in the repository. */
export function besideSelf(selfPath: string, program: string): string {
  return join(dirname(selfPath), program);
}
