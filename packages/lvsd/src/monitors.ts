// Which health monitors a configuration needs, and how they are grouped into nanny processes.
// A monitor is named by what it watches (service and real server), so it keeps its identity
// and its last known health across reloads that renumber or rename blocks.
import type { LvsConfig, Network, RealServer, VirtualServer } from '@piranha-ts/config';
import { healthKey, type HealthView, type ServerHealth } from '@piranha-ts/ipvs';

export interface MonitorSpec {
  /** `tcp:VIP:PORT/RIP:RPORT`, `udp:...` or `fwm:MARK/RIP:RPORT`. */
  readonly id: string;
  /** `<virtual>/<server>` names, as the original's log lines print them. */
  readonly label: string;
  /** nanny's one-server command line (section 5.3, 0.8.x), without the program name. */
  readonly argv: readonly string[];
  /** The `client_monitor` program that runs it. */
  readonly executable: string;
  /** Every configured (virtual, server) pair this monitor stands for (duplicates share one). */
  readonly pairs: readonly MonitoredPair[];
}

export interface MonitoredPair {
  /** healthKey(virtual index, server index). */
  readonly key: string;
  readonly weight: number;
}

export interface MonitorArgvOptions {
  readonly verbose: boolean;
  readonly foreground: boolean;
}

const FORWARDING_LETTER: Record<Network, string> = { nat: 'm', direct: 'g', tunnel: 'i' };

export function monitorId(vs: VirtualServer, rs: RealServer): string {
  const service =
    vs.fwmark !== 0 ? `fwm:${vs.fwmark}` : `${vs.protocol}:${vs.address?.address}:${vs.port}`;
  return `${service}/${rs.address}:${rs.port}`;
}

/** The argument vector the original lvsd gave each nanny (section 5.3, 0.8.x). */
export function nannyArgv(
  config: LvsConfig,
  vs: VirtualServer,
  rs: RealServer,
  options: MonitorArgvOptions,
): string[] {
  const argv = ['-c', '-h', rs.address, '-p', String(vs.port), '-r', String(rs.port)];
  if (vs.fwmark !== 0) argv.push('-f', String(vs.fwmark));
  if (vs.protocol === 'udp') argv.push('-u');
  if (vs.sendProgram !== undefined) argv.push('-e', vs.sendProgram);
  if (vs.send !== undefined) argv.push('-s', vs.send);
  if (vs.expect !== undefined) argv.push('-x', vs.expect);
  if (vs.quiesceServer) argv.push('-q');
  if (vs.useRegex) argv.push('--regex');
  if (options.verbose) argv.push('-v');
  argv.push('-a', String(vs.reentry), '-I', config.ipvsadm, '-t', String(vs.timeout));
  argv.push('-w', String(rs.weight), '-V', vs.address?.address ?? '0.0.0.0');
  argv.push('-M', FORWARDING_LETTER[config.network]);
  if (vs.loadMonitor !== undefined) {
    argv.push('-U', vs.loadMonitor === 'uptime' ? config.rshCommand : vs.loadMonitor);
  }
  if (options.foreground) argv.push('--nodaemon');
  argv.push('--lvs');
  return argv;
}

/** One monitor per distinct (service, real server) among active blocks, in file order. */
export function monitorsOf(config: LvsConfig, options: MonitorArgvOptions): MonitorSpec[] {
  const byId = new Map<string, MonitorSpec & { pairs: MonitoredPair[] }>();
  config.virtuals.forEach((vs, vi) => {
    if (!vs.active) return;
    vs.servers.forEach((rs, si) => {
      if (!rs.active) return;
      const id = monitorId(vs, rs);
      const pair = { key: healthKey(vi, si), weight: rs.weight };
      const known = byId.get(id);
      if (known !== undefined) known.pairs.push(pair);
      else
        byId.set(id, {
          id,
          label: `${vs.name}/${rs.name}`,
          argv: nannyArgv(config, vs, rs, options),
          executable: vs.clientMonitor,
          pairs: [pair],
        });
    });
  });
  return [...byId.values()];
}

export interface MonitorGroup {
  /** Stable name, shown on the nanny's command line and in lvsd's logs. */
  readonly name: string;
  readonly executable: string;
  readonly monitors: readonly MonitorSpec[];
}

/**
 * Monitors per nanny process: one process per client_monitor program, split when it would
 * carry more than `perProcess` (a Node process costs tens of MB; a monitor costs little).
 */
export function groupMonitors(
  monitors: readonly MonitorSpec[],
  perProcess: number,
): MonitorGroup[] {
  const byExecutable = new Map<string, MonitorSpec[]>();
  for (const m of monitors) {
    const list = byExecutable.get(m.executable) ?? [];
    list.push(m);
    byExecutable.set(m.executable, list);
  }
  const groups: MonitorGroup[] = [];
  for (const [executable, list] of byExecutable) {
    for (let i = 0; i < list.length; i += perProcess) {
      const monitorsOfGroup = list.slice(i, i + perProcess);
      groups.push({ name: `nanny${groups.length}`, executable, monitors: monitorsOfGroup });
    }
  }
  return groups;
}

/** What a monitor last said: `weight` null means the configured weight (no load probing). */
export interface MonitorHealth {
  readonly up: boolean;
  readonly weight: number | null;
  /** Why, in the monitor's words (for the log; not part of the state's identity). */
  readonly reason?: string;
}

export type HealthById = ReadonlyMap<string, MonitorHealth>;

/** The health view desiredTable reads: each pair takes its monitor's last report. */
export function healthViewOf(monitors: readonly MonitorSpec[], health: HealthById): HealthView {
  const servers = new Map<string, ServerHealth>();
  for (const m of monitors) {
    const status = health.get(m.id);
    if (status === undefined) continue;
    for (const pair of m.pairs) {
      servers.set(pair.key, {
        up: status.up,
        weight: status.weight ?? pair.weight,
        draining: false,
      });
    }
  }
  return { servers };
}
