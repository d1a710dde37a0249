// Everything one pulse run needs, derived once from lvs.cf, the start-up plan and the command
// line: the state machine's options, the heartbeat addresses and the floating addresses.
// pulse reads lvs.cf only at start; new settings need a restart (reference 4.11).
import { netmaskBits, type LvsConfig } from '@piranha-ts/config';
import type { HeartbeatKey, PulseOptions as MachineOptions, Role } from '@piranha-ts/heartbeat';
import type { StartupPlan } from './startup.js';

/** A floating address as lvs.cf gives it; its prefix is settled against the device later. */
export interface FloatingSpec {
  readonly address: string;
  readonly device: string;
  /** vip_nmask / nat_nmask in bits; undefined when absent. */
  readonly maskBits: number | undefined;
}

export interface HeartbeatAddresses {
  readonly port: number;
  readonly own: { readonly public: string; readonly private: string | undefined };
  readonly partner: { readonly public: string; readonly private: string | undefined };
}

export interface PulseSettings {
  readonly role: Role;
  readonly machine: MachineOptions;
  readonly heartbeat: HeartbeatAddresses;
  readonly floating: readonly FloatingSpec[];
  readonly key: HeartbeatKey | undefined;
}

export interface RunFlags {
  readonly forceActive: boolean;
}

/**
 * The private path exists when both private addresses are set and ours differs from our public
 * address (V08 binds a second socket only then).
 */
export function heartbeatAddresses(config: LvsConfig, role: Role): HeartbeatAddresses {
  const primary = { public: config.primary, private: config.primaryPrivate };
  const backup = { public: config.backup, private: config.backupPrivate };
  const [own, partner] = role === 'master' ? [primary, backup] : [backup, primary];
  const usable =
    own.private !== undefined && partner.private !== undefined && own.private !== own.public;
  return {
    port: config.heartbeatPort,
    own: { public: own.public, private: usable ? own.private : undefined },
    partner: { public: partner.public, private: usable ? partner.private : undefined },
  };
}

const bitsOf = (mask: string | undefined) => (mask === undefined ? undefined : netmaskBits(mask));

/**
 * Every active virtual server's VIP once (an address already taken by an earlier active one is
 * skipped, V08's rule), then the NAT router address when `network = nat` names one.
 */
export function floatingAddresses(config: LvsConfig): readonly FloatingSpec[] {
  const seen = new Set<string>();
  const specs: FloatingSpec[] = [];
  for (const v of config.virtuals) {
    if (!v.active || v.address === undefined || seen.has(v.address.address)) continue;
    seen.add(v.address.address);
    specs.push({ ...v.address, maskBits: bitsOf(v.vipNmask) });
  }
  if (config.network === 'nat' && config.natRouter !== undefined) {
    specs.push({ ...config.natRouter, maskBits: bitsOf(config.natNmask) });
  }
  return specs;
}

export function pulseSettings(
  plan: StartupPlan,
  flags: RunFlags,
  key: HeartbeatKey | undefined,
): PulseSettings {
  const { config, role } = plan;
  const heartbeat = heartbeatAddresses(config, role);
  return {
    role,
    machine: {
      role,
      backupActive: config.backupActive,
      privateChannel: heartbeat.own.private !== undefined,
      keepalive: config.keepalive,
      deadtime: config.deadtime,
      forceActive: flags.forceActive,
      monitorLinks: config.monitorLinks !== 0,
      syncDaemon: config.syncdaemon,
      activeCmd: config.activeCmd,
      inactiveCmd: config.inactiveCmd,
    },
    heartbeat,
    floating: floatingAddresses(config),
    key,
  };
}
