// What lvsd answers on its socket: each active service with its real servers, what their
// monitors said and what weight the desired table gives them.
import type { RealServer, VirtualServer } from '@piranha-ts/config';
import { serviceArgs, type IpvsTable, type VirtualService } from '@piranha-ts/ipvs';
import type { LvsdNannyStatus, LvsdServerStatus, LvsdStatus } from '@piranha-ts/protocol';
import { monitorId } from './monitors.js';
import type { LvsdState } from './step.js';

export interface RuntimeFacts {
  readonly pid: number;
  readonly nannies: readonly LvsdNannyStatus[];
  readonly inSync: boolean;
  readonly lastReconcileMs: number | null;
}

/** `-t VIP:PORT`, `-u VIP:PORT` or `-f MARK`, as ipvsadm prints the service. */
function serviceSpelling(vs: VirtualServer): string {
  if (vs.fwmark !== 0) return `-f ${vs.fwmark}`;
  return `${vs.protocol === 'udp' ? '-u' : '-t'} ${vs.address?.address}:${vs.port}`;
}

function tableService(table: IpvsTable, spelling: string): VirtualService | undefined {
  return table.services.find((s) => serviceArgs(s.key).join(' ') === spelling);
}

function serverStatus(
  state: LvsdState,
  vs: VirtualServer,
  rs: RealServer,
  service: VirtualService | undefined,
): LvsdServerStatus {
  const id = monitorId(vs, rs);
  const said = state.policy.assumeUp ? { up: true } : state.health.get(id);
  // ipvsadm gives direct-routed and tunnelled servers the service port, so match on address.
  const destination = service?.destinations.find(
    (d) => d.address === rs.address && (d.port === rs.port || d.forwarding !== 'masq'),
  );
  return {
    name: rs.name,
    address: `${rs.address}:${rs.port}`,
    configuredWeight: rs.weight,
    health: said === undefined ? 'unknown' : said.up ? 'up' : 'down',
    weight: destination?.weight ?? null,
    monitor: state.policy.assumeUp ? null : id,
  };
}

export function lvsdStatus(state: LvsdState, facts: RuntimeFacts): LvsdStatus {
  const services = state.config.virtuals
    .filter((vs) => vs.active)
    .map((vs) => {
      const spelling = serviceSpelling(vs);
      const service = tableService(state.desired, spelling);
      return {
        name: vs.name,
        service: spelling,
        scheduler: service?.scheduler ?? vs.scheduler,
        servers: vs.servers
          .filter((rs) => rs.active)
          .map((rs) => serverStatus(state, vs, rs, service)),
      };
    });
  return {
    v: 1,
    type: 'lvsd-status',
    pid: facts.pid,
    configFile: state.file,
    services,
    nannies: facts.nannies,
    inSync: facts.inSync,
    lastReconcileMs: facts.lastReconcileMs,
  };
}
