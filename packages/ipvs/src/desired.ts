// The table the configuration asks for, given what the health checks currently say. Rules
// (piranha reference §5, §9, §17):
// - only `active = 1` virtual blocks and `active = 1` servers;
// - `-f MARK` when fwmark != 0, else `-t`/`-u` VIP:PORT; `-p` only when persistent > 0 and
//   `-M` only with it, when pmask is set and not 255.255.255.255;
// - forwarding from the global `network`: nat -> masq, direct -> gate, tunnel -> ipip;
// - gate/ipip destinations of non-fwmark services carry the service port (ipvsadm stores that
//   port whatever -r says, so asking for another one would never converge);
// - a down server of a quiesce_server = 1 block stays at weight 0; otherwise it is removed;
// - a block's sorry_server joins its service at weight 1 on the block's port while none of the
//   service's real servers serves (up and not draining).
// Decision: blocks sharing a service key (the documented fwmark bundle of HTTP + HTTPS) make ONE
// service: the first active block's scheduler and persistence win (the original's second `-A`
// failed), servers of all blocks are merged, and a destination listed twice keeps the first
// serving occurrence. The config validator already rejects bundles whose settings disagree.
import {
  blockPath,
  isIPv4,
  serverPath,
  type LvsConfig,
  type Network,
  type RealServer,
  type VirtualServer,
} from '@piranha-ts/config';
import {
  destinationKeyString,
  destinationPort,
  serviceKeyString,
  type Destination,
  type Forwarding,
  type IpvsTable,
  type ServiceKey,
  type ServiceSettings,
  type VirtualService,
} from './table.js';

/** What the health checks say about one real server. */
export interface ServerHealth {
  readonly up: boolean;
  /** Current weight while up (may differ from the configured one: slow start, load). */
  readonly weight: number;
  /** Draining: kept in the table at weight 0 so existing connections finish. */
  readonly draining: boolean;
}

/**
 * Health by `healthKey(virtualIndex, serverIndex)` (indices into the config's lists, since
 * names need not be unique). A server missing from the view has not been checked yet and is
 * left out of the table; one known to be down is removed, or kept at weight 0 when quiesced.
 */
export interface HealthView {
  readonly servers: ReadonlyMap<string, ServerHealth>;
}

export function healthKey(virtualIndex: number, serverIndex: number): string {
  return `${virtualIndex}/${serverIndex}`;
}

/** Every active real server of every active virtual server up at its configured weight. */
export function allHealthy(config: LvsConfig): HealthView {
  const servers = new Map<string, ServerHealth>();
  config.virtuals.forEach((vs, vi) => {
    if (!vs.active) return;
    vs.servers.forEach((rs, si) => {
      if (rs.active)
        servers.set(healthKey(vi, si), { up: true, weight: rs.weight, draining: false });
    });
  });
  return { servers };
}

export type DesiredTableErrorCode =
  'missing-address' | 'unresolved-address' | 'invalid-netmask' | 'invalid-weight';

export interface DesiredTableError {
  readonly code: DesiredTableErrorCode;
  /** Config source path, e.g. `virtual[0].server[1].address`. */
  readonly path: string;
  readonly message: string;
}

export type DesiredTableResult =
  | { readonly ok: true; readonly table: IpvsTable }
  | { readonly ok: false; readonly errors: readonly DesiredTableError[] };

const FORWARDING: Readonly<Record<Network, Forwarding>> = {
  nat: 'masq',
  direct: 'gate',
  tunnel: 'ipip',
};

const NO_MASK = '255.255.255.255';
const MAX_WEIGHT = 65535;

interface ServiceUnderConstruction {
  readonly settings: ServiceSettings;
  readonly destinations: Map<string, Destination>;
  readonly sorryServers: Destination[];
  serving: boolean;
}

/** The IPVS table for a resolved config (host names already replaced by dotted quads). */
export function desiredTable(config: LvsConfig, health: HealthView): DesiredTableResult {
  const errors: DesiredTableError[] = [];
  const services = new Map<string, ServiceUnderConstruction>();
  const forwarding = FORWARDING[config.network];
  config.virtuals.forEach((vs, vi) => {
    if (!vs.active) return;
    const settings = serviceSettingsOf(vs, vi, errors);
    if (settings === undefined) return;
    const id = serviceKeyString(settings.key);
    const service = services.get(id) ?? newService(settings);
    services.set(id, service);
    const key = service.settings.key;
    vs.servers.forEach((rs, si) => {
      if (!rs.active || !checkServer(rs, vi, si, errors)) return;
      const status = health.servers.get(healthKey(vi, si));
      const dest = realServerDestination(rs, key, forwarding, status, vs.quiesceServer);
      if (dest !== undefined) addDestination(service.destinations, dest);
      if (status?.up === true && !status.draining) service.serving = true;
    });
    const sorry = sorryDestination(vs, vi, key, forwarding, errors);
    if (sorry !== undefined) service.sorryServers.push(sorry);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, table: { services: [...services.values()].map(finish) } };
}

function newService(settings: ServiceSettings): ServiceUnderConstruction {
  return { settings, destinations: new Map(), sorryServers: [], serving: false };
}

function finish(service: ServiceUnderConstruction): VirtualService {
  const destinations = new Map(service.destinations);
  if (!service.serving) {
    for (const sorry of service.sorryServers) addDestination(destinations, sorry);
  }
  return { ...service.settings, destinations: [...destinations.values()] };
}

/** Keeps the first occurrence of a destination unless a later one serves and it does not. */
function addDestination(destinations: Map<string, Destination>, dest: Destination): void {
  const id = destinationKeyString(dest);
  const existing = destinations.get(id);
  if (existing === undefined || (existing.weight === 0 && dest.weight > 0)) {
    destinations.set(id, dest);
  }
}

function serviceSettingsOf(
  vs: VirtualServer,
  vi: number,
  errors: DesiredTableError[],
): ServiceSettings | undefined {
  const key = serviceKeyOf(vs, vi, errors);
  const persistence = persistenceOf(vs, vi, errors);
  if (key === undefined || persistence === 'invalid') return undefined;
  return {
    key,
    scheduler: vs.scheduler,
    persistence,
    persistenceEngine: undefined,
    onePacket: false,
    schedulerFlags: [],
  };
}

function serviceKeyOf(
  vs: VirtualServer,
  vi: number,
  errors: DesiredTableError[],
): ServiceKey | undefined {
  if (vs.fwmark !== 0) return { kind: 'fwmark', mark: vs.fwmark, family: 'ipv4' };
  const address = vs.address?.address;
  const path = blockPath('virtual', vi, 'address');
  if (!checkAddress(address, path, `virtual server ${vs.name}`, errors)) return undefined;
  return { kind: 'address', protocol: vs.protocol, address, port: vs.port };
}

function persistenceOf(vs: VirtualServer, vi: number, errors: DesiredTableError[]) {
  if (vs.persistent <= 0) return undefined;
  const mask = vs.pmask;
  if (mask !== undefined && !isIPv4(mask)) {
    const message = `pmask "${mask}" of virtual server ${vs.name} is not a dotted quad`;
    errors.push({ code: 'invalid-netmask', path: blockPath('virtual', vi, 'pmask'), message });
    return 'invalid';
  }
  return { timeout: vs.persistent, netmask: mask === NO_MASK ? undefined : mask };
}

function checkAddress(
  address: string | undefined,
  path: string,
  what: string,
  errors: DesiredTableError[],
): address is string {
  if (address === undefined || address === '0.0.0.0') {
    errors.push({ code: 'missing-address', path, message: `${what} has no address` });
    return false;
  }
  if (!isIPv4(address)) {
    const message = `${what}: "${address}" is not a dotted quad (resolve host names first)`;
    errors.push({ code: 'unresolved-address', path, message });
    return false;
  }
  return true;
}

function checkServer(rs: RealServer, vi: number, si: number, errors: DesiredTableError[]) {
  const path = serverPath(vi, si, 'address');
  if (!checkAddress(rs.address, path, `real server ${rs.name}`, errors)) return false;
  if (Number.isInteger(rs.weight) && rs.weight >= 0 && rs.weight <= MAX_WEIGHT) return true;
  const message = `weight ${rs.weight} of real server ${rs.name} is not 0..${MAX_WEIGHT}`;
  errors.push({ code: 'invalid-weight', path: serverPath(vi, si, 'weight'), message });
  return false;
}

/** The destination a real server contributes, or undefined when it is out of the table. */
function realServerDestination(
  rs: RealServer,
  key: ServiceKey,
  forwarding: Forwarding,
  health: ServerHealth | undefined,
  quiesce: boolean,
): Destination | undefined {
  if (health === undefined || (!health.up && !quiesce)) return undefined;
  const weight = health.up && !health.draining ? health.weight : 0;
  return destination(rs.address, destinationPort(key, forwarding, rs.port), forwarding, weight);
}

function sorryDestination(
  vs: VirtualServer,
  vi: number,
  key: ServiceKey,
  forwarding: Forwarding,
  errors: DesiredTableError[],
): Destination | undefined {
  if (vs.sorryServer === undefined) return undefined;
  const path = blockPath('virtual', vi, 'sorry_server');
  if (!checkAddress(vs.sorryServer, path, `sorry server of ${vs.name}`, errors)) return undefined;
  return destination(vs.sorryServer, destinationPort(key, forwarding, vs.port), forwarding, 1);
}

function destination(
  address: string,
  port: number,
  forwarding: Forwarding,
  weight: number,
): Destination {
  return {
    address,
    port,
    forwarding,
    weight,
    upperThreshold: 0,
    lowerThreshold: 0,
    tunnel: undefined,
  };
}
