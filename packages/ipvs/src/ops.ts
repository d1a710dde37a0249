// Changes to an IPVS table, one per ipvsadm command, and a pure model of applying them.
import {
  destinationKeyString,
  serviceKeyString,
  settingsOf,
  type Destination,
  type DestinationKey,
  type IpvsTable,
  type ServiceKey,
  type ServiceSettings,
  type VirtualService,
} from './table.js';

export type IpvsOp =
  | { readonly kind: 'add-service'; readonly service: ServiceSettings }
  | { readonly kind: 'edit-service'; readonly service: ServiceSettings }
  | { readonly kind: 'delete-service'; readonly service: ServiceKey }
  | { readonly kind: 'add-dest'; readonly service: ServiceKey; readonly dest: Destination }
  | { readonly kind: 'edit-dest'; readonly service: ServiceKey; readonly dest: Destination }
  | { readonly kind: 'delete-dest'; readonly service: ServiceKey; readonly dest: DestinationKey };

export type IpvsOpKind = IpvsOp['kind'];

/** The key of the service an op touches. */
export function opServiceKey(op: IpvsOp): ServiceKey {
  return op.kind === 'add-service' || op.kind === 'edit-service' ? op.service.key : op.service;
}

/**
 * Applies ops as the kernel would, with the io edge's idempotence: adding what exists and
 * deleting what does not change nothing; editing what does not exist changes nothing either
 * (the kernel refuses it). Deleting a service deletes its destinations.
 */
export function applyOps(table: IpvsTable, ops: readonly IpvsOp[]): IpvsTable {
  return ops.reduce(applyOp, table);
}

function applyOp(table: IpvsTable, op: IpvsOp): IpvsTable {
  const id = serviceKeyString(opServiceKey(op));
  const existing = table.services.find((s) => serviceKeyString(s.key) === id);
  switch (op.kind) {
    case 'add-service':
      if (existing !== undefined) return table;
      return { services: [...table.services, { ...settingsOf(op.service), destinations: [] }] };
    case 'edit-service':
      return replaceService(table, id, (s) => ({
        ...settingsOf(op.service),
        destinations: s.destinations,
      }));
    case 'delete-service':
      return { services: table.services.filter((s) => serviceKeyString(s.key) !== id) };
    default:
      return replaceService(table, id, (s) => applyDestinationOp(s, op));
  }
}

function replaceService(
  table: IpvsTable,
  id: string,
  change: (service: VirtualService) => VirtualService,
): IpvsTable {
  return {
    services: table.services.map((s) => (serviceKeyString(s.key) === id ? change(s) : s)),
  };
}

function applyDestinationOp(service: VirtualService, op: IpvsOp): VirtualService {
  if (op.kind !== 'add-dest' && op.kind !== 'edit-dest' && op.kind !== 'delete-dest') {
    return service;
  }
  const id = destinationKeyString(op.dest);
  const present = service.destinations.some((d) => destinationKeyString(d) === id);
  const others = service.destinations.filter((d) => destinationKeyString(d) !== id);
  switch (op.kind) {
    case 'add-dest':
      return present ? service : { ...service, destinations: [...service.destinations, op.dest] };
    case 'edit-dest':
      if (!present) return service;
      return {
        ...service,
        destinations: service.destinations.map((d) =>
          destinationKeyString(d) === id ? op.dest : d,
        ),
      };
    case 'delete-dest':
      return { ...service, destinations: others };
  }
}
