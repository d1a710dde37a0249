// The ipvsadm commands of a standalone nanny (6.6), built without running anything.
import { ipvsadmStep } from '../src/ipvsadm.js';
import type { IpvsEntry } from '../src/settings.js';

const entry: IpvsEntry = {
  virtualAddress: '198.51.100.1',
  virtualPort: 80,
  fwmark: 0,
  udp: false,
  real: { address: '203.0.113.5', port: 8080 },
  method: '-g',
};

test('up adds the entry, a later weight edits it, down deletes it', () => {
  const up = ipvsadmStep(entry, { status: 'up', weight: 2 }, false);
  expect(up).toEqual({
    args: ['-a', '-t', '198.51.100.1:80', '-r', '203.0.113.5:8080', '-g', '-w', '2'],
    entryExists: true,
  });
  expect(ipvsadmStep(entry, { status: 'weight', weight: 4 }, true).args).toEqual([
    '-e',
    '-t',
    '198.51.100.1:80',
    '-r',
    '203.0.113.5:8080',
    '-g',
    '-w',
    '4',
  ]);
  expect(ipvsadmStep(entry, { status: 'down' }, true)).toEqual({
    args: ['-d', '-t', '198.51.100.1:80', '-r', '203.0.113.5:8080'],
    entryExists: false,
  });
});

test('quiesce: weight 0 keeps the entry, and coming back edits it instead of adding', () => {
  const quiesced = ipvsadmStep(entry, { status: 'weight', weight: 0 }, true);
  expect(quiesced.args?.slice(0, 1)).toEqual(['-e']);
  expect(quiesced.args?.slice(-2)).toEqual(['-w', '0']);
  expect(ipvsadmStep(entry, { status: 'up', weight: 1 }, quiesced.entryExists).args?.[0]).toBe(
    '-e',
  );
});

test('nothing to do for an entry that is not there', () => {
  expect(ipvsadmStep(entry, { status: 'down' }, false)).toEqual({
    args: undefined,
    entryExists: false,
  });
  expect(ipvsadmStep(entry, { status: 'weight', weight: 3 }, false).args).toBeUndefined();
});

test('UDP and firewall-mark services', () => {
  const udp = ipvsadmStep({ ...entry, udp: true }, { status: 'down' }, true);
  expect(udp.args).toEqual(['-d', '-u', '198.51.100.1:80', '-r', '203.0.113.5:8080']);
  const mark = ipvsadmStep({ ...entry, fwmark: 7 }, { status: 'up', weight: 1 }, false);
  expect(mark.args).toEqual(['-a', '-f', '7', '-r', '203.0.113.5:8080', '-g', '-w', '1']);
});
