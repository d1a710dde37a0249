import { applyOps, diffTables, normalizeTable, renderOp, type IpvsTable } from '@piranha-ts/ipvs';
import { TCP_WEB, dest, service, settings, table } from './helpers.js';

const UDP_DNS = { kind: 'address', protocol: 'udp', address: '192.0.2.30', port: 53 } as const;
const MARK = { kind: 'fwmark', mark: 21, family: 'ipv4' } as const;

/** The diff as ipvsadm command lines, which reads well in expectations. */
function commands(actual: IpvsTable, desired: IpvsTable): string[] {
  return diffTables(actual, desired).map((op) => renderOp(op).join(' '));
}

test('identical tables need no ops, whatever their order', () => {
  const a = table(
    service({}, [dest(), dest({ address: '198.51.100.12' })]),
    service({ key: UDP_DNS }),
  );
  const shuffled = table(
    service({ key: UDP_DNS }),
    service({}, [dest({ address: '198.51.100.12' }), dest()]),
  );
  expect(diffTables(a, a)).toEqual([]);
  expect(diffTables(a, shuffled)).toEqual([]);
});

test('an empty kernel gets each service, then its destinations', () => {
  const desired = table(
    service({ persistence: { timeout: 300, netmask: '255.255.255.0' } }, [
      dest({ weight: 3 }),
      dest({ address: '198.51.100.12', port: 8080 }),
    ]),
    service({ key: MARK, scheduler: 'rr' }, [dest({ forwarding: 'gate' })]),
  );
  expect(commands(table(), desired)).toEqual([
    '-A -t 192.0.2.10:80 -s wlc -p 300 -M 255.255.255.0',
    '-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 3',
    '-a -t 192.0.2.10:80 -r 198.51.100.12:8080 -m -w 1',
    '-A -f 21 -s rr',
    '-a -f 21 -r 198.51.100.11:80 -g -w 1',
  ]);
});

test('a service no longer wanted loses its destinations first, then goes', () => {
  const actual = table(service({}, [dest(), dest({ address: '198.51.100.12' })]));
  expect(commands(actual, table())).toEqual([
    '-d -t 192.0.2.10:80 -r 198.51.100.11:80',
    '-d -t 192.0.2.10:80 -r 198.51.100.12:80',
    '-D -t 192.0.2.10:80',
  ]);
});

test('scheduler and persistence changes edit the service in place', () => {
  const actual = table(service({}, [dest()]));
  const desired = table(
    service({ scheduler: 'rr', persistence: { timeout: 60, netmask: undefined } }, [dest()]),
  );
  expect(commands(actual, desired)).toEqual(['-E -t 192.0.2.10:80 -s rr -p 60']);
  expect(commands(desired, actual)).toEqual(['-E -t 192.0.2.10:80 -s wlc']);
});

test('weight and forwarding changes edit the destination in place', () => {
  const actual = table(service({}, [dest({ weight: 1 })]));
  expect(commands(actual, table(service({}, [dest({ weight: 0 })])))).toEqual([
    '-e -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 0',
  ]);
  expect(commands(actual, table(service({}, [dest({ forwarding: 'gate' })])))).toEqual([
    '-e -t 192.0.2.10:80 -r 198.51.100.11:80 -g -w 1',
  ]);
});

test('a changed real port is another destination: added first, then the old one deleted', () => {
  const actual = table(service({}, [dest({ port: 8080 })]));
  const desired = table(service({}, [dest({ port: 8081 })]));
  expect(commands(actual, desired)).toEqual([
    '-a -t 192.0.2.10:80 -r 198.51.100.11:8081 -m -w 1',
    '-d -t 192.0.2.10:80 -r 198.51.100.11:8080',
  ]);
});

test('new services come before removals, kept services add before they delete', () => {
  const actual = table(
    service({ key: UDP_DNS }, [dest({ port: 53 })]),
    service({}, [dest({ address: '198.51.100.99', weight: 1 })]),
  );
  const desired = table(service({ scheduler: 'rr' }, [dest()]), service({ key: MARK }));
  expect(commands(actual, desired)).toEqual([
    '-E -t 192.0.2.10:80 -s rr',
    '-a -t 192.0.2.10:80 -r 198.51.100.11:80 -m -w 1',
    '-d -t 192.0.2.10:80 -r 198.51.100.99:80',
    '-A -f 21 -s wlc',
    '-d -u 192.0.2.30:53 -r 198.51.100.11:53',
    '-D -u 192.0.2.30:53',
  ]);
});

test('applying a diff gives the desired table', () => {
  const actual = table(
    service({ key: UDP_DNS }, [dest({ port: 53 })]),
    service({}, [dest({ address: '198.51.100.99' }), dest({ weight: 5 })]),
  );
  const desired = table(
    service({ scheduler: 'rr' }, [dest({ weight: 2 }), dest({ address: '198.51.100.12' })]),
    service({ key: MARK }, [dest({ forwarding: 'gate' })]),
  );
  const result = applyOps(actual, diffTables(actual, desired));
  expect(normalizeTable(result)).toEqual(normalizeTable(desired));
  expect(diffTables(result, desired)).toEqual([]);
});

describe('applyOps models the kernel with idempotent adds and deletes', () => {
  const base = table(service({}, [dest()]));

  test('adding what exists and deleting what is missing change nothing', () => {
    const ops = [
      { kind: 'add-service', service: settings({ scheduler: 'rr' }) },
      { kind: 'add-dest', service: TCP_WEB, dest: dest({ weight: 9 }) },
      { kind: 'delete-dest', service: TCP_WEB, dest: { address: '198.51.100.50', port: 80 } },
      { kind: 'delete-service', service: UDP_DNS },
      { kind: 'edit-dest', service: TCP_WEB, dest: dest({ address: '198.51.100.50' }) },
      { kind: 'edit-service', service: settings({ key: UDP_DNS }) },
      { kind: 'add-dest', service: UDP_DNS, dest: dest() },
    ] as const;
    expect(applyOps(base, ops)).toEqual(base);
  });

  test('deleting a service deletes its destinations', () => {
    expect(applyOps(base, [{ kind: 'delete-service', service: TCP_WEB }])).toEqual(table());
  });

  test('editing a service keeps its destinations', () => {
    const edited = applyOps(base, [
      { kind: 'edit-service', service: settings({ scheduler: 'rr' }) },
    ]);
    expect(edited).toEqual(table(service({ scheduler: 'rr' }, [dest()])));
  });
});
