// fast-check generators of IPVS tables. Small pools of addresses and ports make two random
// tables share services and destinations often, so diffs contain edits, not only adds.
import fc from 'fast-check';
import {
  destinationKeyString,
  destinationPort,
  serviceKeyString,
  type Destination,
  type IpvsTable,
  type ServiceKey,
  type TunnelEncapsulation,
  type VirtualService,
} from '@piranha-ts/ipvs';

const serviceKey: fc.Arbitrary<ServiceKey> = fc.oneof(
  fc.record({
    kind: fc.constant('address' as const),
    protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'sctp' as const),
    address: fc.constantFrom('192.0.2.10', '192.0.2.11', '10.0.0.1', '2001:db8::10'),
    port: fc.constantFrom(0, 53, 80, 443),
  }),
  fc.record({
    kind: fc.constant('fwmark' as const),
    mark: fc.integer({ min: 1, max: 4 }),
    family: fc.constantFrom('ipv4' as const, 'ipv6' as const),
  }),
);

const tunnel: fc.Arbitrary<TunnelEncapsulation | undefined> = fc.option(
  fc.oneof(
    fc.record({
      type: fc.constant('gue' as const),
      port: fc.integer({ min: 1, max: 65535 }),
      checksum: fc.constantFrom('nocsum' as const, 'csum' as const, 'remcsum' as const),
    }),
    fc.record({
      type: fc.constant('gre' as const),
      checksum: fc.constantFrom('nocsum' as const, 'csum' as const),
    }),
  ),
  { nil: undefined },
);

function destination(withThresholds: boolean): fc.Arbitrary<Destination> {
  const threshold = withThresholds ? fc.integer({ min: 0, max: 3 }) : fc.constant(0);
  return fc
    .record({
      address: fc.constantFrom('198.51.100.11', '198.51.100.12', '2001:db8::11'),
      port: fc.constantFrom(80, 443, 8080),
      forwarding: fc.constantFrom('masq' as const, 'gate' as const, 'ipip' as const),
      weight: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 65535 })),
      upperThreshold: threshold,
      lowerThreshold: threshold,
      tunnel,
    })
    .map((d) => ({ ...d, tunnel: d.forwarding === 'ipip' ? d.tunnel : undefined }));
}

const NETMASKS: Readonly<Record<'ipv4' | 'ipv6', readonly (string | undefined)[]>> = {
  ipv4: [undefined, '255.255.255.0', '255.255.0.0'],
  ipv6: [undefined, '64', '48'],
};

function isIPv6Key(key: ServiceKey): boolean {
  return key.kind === 'fwmark' ? key.family === 'ipv6' : key.address.includes(':');
}

function service(withThresholds: boolean): fc.Arbitrary<VirtualService> {
  return fc
    .record({
      key: serviceKey,
      scheduler: fc.constantFrom('rr', 'wrr', 'wlc', 'sh'),
      persistent: fc.option(fc.integer({ min: 1, max: 86400 }), { nil: undefined }),
      mask: fc.integer({ min: 0, max: 2 }),
      persistenceEngine: fc.option(fc.constant('sip'), { nil: undefined }),
      onePacket: fc.boolean(),
      schedulerFlags: fc.subarray(['flag-1', 'flag-2']),
      destinations: fc.array(destination(withThresholds), { maxLength: 4 }),
    })
    .map(({ persistent, mask, destinations, ...rest }) => ({
      ...rest,
      persistence:
        persistent === undefined
          ? undefined
          : { timeout: persistent, netmask: NETMASKS[isIPv6Key(rest.key) ? 'ipv6' : 'ipv4'][mask] },
      destinations: uniqueBy(
        // Ports as the kernel would hold them (gate/ipip on address services: service port).
        destinations.map((d) => ({ ...d, port: destinationPort(rest.key, d.forwarding, d.port) })),
        destinationKeyString,
      ),
    }));
}

function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(keyOf(item)) && seen.add(keyOf(item)) !== undefined);
}

/** Tables with unique service and destination keys; thresholds only when asked (-Sn hides them). */
export function ipvsTable(withThresholds = true): fc.Arbitrary<IpvsTable> {
  return fc
    .array(service(withThresholds), { maxLength: 5 })
    .map((services) => ({ services: uniqueBy(services, (s) => serviceKeyString(s.key)) }));
}
