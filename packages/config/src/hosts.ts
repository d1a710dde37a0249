// Host names in lvs.cf (the original resolved them with gethostbyname). Pure helpers: list
// the names with their source paths, and substitute resolved addresses back into a model.
import type { AddressWithDevice, LvsConfig, RealServer, VirtualServer } from './model.js';
import { blockPath, serverPath } from './source.js';
import { isIPv4 } from './values.js';

export interface HostReference {
  /** Source path, for error positions. */
  readonly path: string;
  readonly keyword: string;
  readonly name: string;
}

type Resolved = ReadonlyMap<string, string>;

function isName(value: string | undefined): value is string {
  return value !== undefined && !isIPv4(value);
}

export function hostReferences(config: LvsConfig): HostReference[] {
  const refs: HostReference[] = [];
  const add = (path: string, keyword: string, value: string | undefined) => {
    if (isName(value)) refs.push({ path, keyword, name: value });
  };
  for (const key of ['primary', 'primary_private', 'backup', 'backup_private'] as const) {
    add(key, key, globalHost(config, key));
  }
  add('nat_router', 'nat_router', config.natRouter?.address);
  config.virtuals.forEach((vs, i) => {
    add(blockPath('virtual', i, 'address'), 'address', vs.address?.address);
    add(blockPath('virtual', i, 'master'), 'master', vs.master);
    vs.servers.forEach((rs, j) => add(serverPath(i, j, 'address'), 'address', rs.address));
  });
  config.failovers.forEach((fo, i) => {
    add(blockPath('failover', i, 'address'), 'address', fo.address?.address);
  });
  return refs;
}

function globalHost(config: LvsConfig, key: string): string | undefined {
  switch (key) {
    case 'primary':
      return config.primary;
    case 'primary_private':
      return config.primaryPrivate;
    case 'backup':
      return config.backup;
    default:
      return config.backupPrivate;
  }
}

function sub(value: string, resolved: Resolved): string;
function sub(value: string | undefined, resolved: Resolved): string | undefined;
function sub(value: string | undefined, resolved: Resolved): string | undefined {
  return value === undefined ? undefined : (resolved.get(value) ?? value);
}

function subPair(pair: AddressWithDevice | undefined, resolved: Resolved) {
  return pair === undefined ? undefined : { ...pair, address: sub(pair.address, resolved) };
}

function subServer(rs: RealServer, resolved: Resolved): RealServer {
  return { ...rs, address: sub(rs.address, resolved) };
}

function subVirtual(vs: VirtualServer, resolved: Resolved): VirtualServer {
  return {
    ...vs,
    address: subPair(vs.address, resolved),
    master: sub(vs.master, resolved),
    servers: vs.servers.map((rs) => subServer(rs, resolved)),
  };
}

/** The model with every resolved name replaced by its address. */
export function substituteHosts(config: LvsConfig, resolved: Resolved): LvsConfig {
  return {
    ...config,
    primary: sub(config.primary, resolved),
    primaryPrivate: sub(config.primaryPrivate, resolved),
    backup: sub(config.backup, resolved),
    backupPrivate: sub(config.backupPrivate, resolved),
    natRouter: subPair(config.natRouter, resolved),
    virtuals: config.virtuals.map((vs) => subVirtual(vs, resolved)),
    failovers: config.failovers.map((fo) => ({ ...fo, address: subPair(fo.address, resolved) })),
  };
}
