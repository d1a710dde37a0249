// pulse start-up decisions (section 4.2-4.3 of the reference), as a pure function of the
// configuration and this host's addresses.
import type { LvsConfig } from '@piranha-ts/config';

export type Role = 'master' | 'backup';

export interface StartupPlan {
  readonly role: Role;
  /** The address the heartbeat socket binds to. */
  readonly bindAddress: string;
  /** The configuration as pulse uses it (backup_active may have been cleared). */
  readonly config: LvsConfig;
  readonly activeServices: number;
  /** Lines pulse logs while starting. */
  readonly log: readonly string[];
}

export type StartupResult =
  | { readonly ok: true; readonly plan: StartupPlan }
  | {
      readonly ok: false;
      readonly exitCode: number;
      readonly message: string;
      readonly log: readonly string[];
    };

export function planStartup(
  config: LvsConfig,
  file: string,
  localAddresses: readonly string[],
): StartupResult {
  const log: string[] = [];
  const role: Role = localAddresses.includes(config.primary) ? 'master' : 'backup';
  let effective = config;
  if (config.backupActive && config.backup === '0.0.0.0') {
    log.push('Undefined backup node marked as active? -- clearing that!');
    effective = { ...config, backupActive: false };
  }
  const blocks = config.service === 'fos' ? config.failovers : config.virtuals;
  const activeServices = blocks.filter((b) => b.active).length;
  if (activeServices === 0) {
    const message = `no active ${config.service} services defined in ${file}`;
    return { ok: false, exitCode: 1, message, log };
  }
  const bindAddress = role === 'master' ? config.primary : config.backup;
  if (role === 'backup' && !localAddresses.includes(config.backup)) {
    const message = `cannot create heartbeat socket: neither primary ${config.primary} nor backup ${config.backup} is an address of this host`;
    return { ok: false, exitCode: 1, message, log };
  }
  if (role === 'backup' && !effective.backupActive) {
    log.push('We are backup node and backup is marked inactive -- exiting pulse');
    return { ok: false, exitCode: 255, message: 'backup is marked inactive', log };
  }
  log.push(role === 'master' ? 'STARTING PULSE AS MASTER' : 'STARTING PULSE AS BACKUP');
  return { ok: true, plan: { role, bindAddress, config: effective, activeServices, log } };
}
