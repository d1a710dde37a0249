// The ops that turn the kernel's table into the desired one.
// Ordering ("make before break"):
// 1. desired services in their order: a new one is added, then its destinations; a kept one
//    is edited in place if its settings differ, then gets its new and changed destinations,
//    and only then loses the destinations it no longer has;
// 2. services no longer wanted: their destinations are deleted, then the service.
// Edits happen in place: `-E` changes scheduler and persistence; `-e` changes weight,
// thresholds, tunnel options and also the forwarding method (ipvsadm sends the method with
// every -e and the kernel's update-destination path takes it; a change of the real port is a
// different destination anyway, so it becomes delete + add).
import type { IpvsOp } from './ops.js';
import {
  destinationKeyString,
  destinationsEqual,
  serviceKeyString,
  serviceSettingsEqual,
  settingsOf,
  type Destination,
  type IpvsTable,
  type VirtualService,
} from './table.js';

export function diffTables(actual: IpvsTable, desired: IpvsTable): IpvsOp[] {
  return [...diffOps(actual, desired)];
}

/**
 * The same ops, worked out one service at a time as they are taken, so that a caller can
 * hand the first ones to ipvsadm while the rest are still being worked out.
 */
export function* diffOps(actual: IpvsTable, desired: IpvsTable): Generator<IpvsOp> {
  const have = byKey(actual.services, (s) => serviceKeyString(s.key));
  const want = byKey(desired.services, (s) => serviceKeyString(s.key));
  for (const [id, service] of want) {
    const current = have.get(id);
    yield* current === undefined ? createService(service) : updateService(current, service);
  }
  for (const [id, service] of have) {
    if (!want.has(id)) yield* removeService(service);
  }
}

/** First occurrence wins, so a table with a repeated key still diffs deterministically. */
function byKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!map.has(key)) map.set(key, item);
  }
  return map;
}

function createService(service: VirtualService): IpvsOp[] {
  const ops: IpvsOp[] = [{ kind: 'add-service', service: settingsOf(service) }];
  for (const dest of byKey(service.destinations, destinationKeyString).values()) {
    ops.push({ kind: 'add-dest', service: service.key, dest });
  }
  return ops;
}

function updateService(current: VirtualService, wanted: VirtualService): IpvsOp[] {
  const ops: IpvsOp[] = [];
  if (!serviceSettingsEqual(current, wanted)) {
    ops.push({ kind: 'edit-service', service: settingsOf(wanted) });
  }
  const have = byKey(current.destinations, destinationKeyString);
  const want = byKey(wanted.destinations, destinationKeyString);
  for (const [id, dest] of want) {
    const existing = have.get(id);
    if (existing === undefined) ops.push({ kind: 'add-dest', service: wanted.key, dest });
    else if (!destinationsEqual(existing, dest)) {
      ops.push({ kind: 'edit-dest', service: wanted.key, dest });
    }
  }
  for (const [id, dest] of have) {
    if (!want.has(id)) ops.push(deleteDestination(current, dest));
  }
  return ops;
}

function removeService(service: VirtualService): IpvsOp[] {
  const dests = byKey(service.destinations, destinationKeyString);
  return [
    ...[...dests.values()].map((dest) => deleteDestination(service, dest)),
    { kind: 'delete-service', service: service.key },
  ];
}

function deleteDestination(service: VirtualService, dest: Destination): IpvsOp {
  return {
    kind: 'delete-dest',
    service: service.key,
    dest: { address: dest.address, port: dest.port },
  };
}
