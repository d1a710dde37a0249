import {
  loadAdjustedWeight,
  loadArgv,
  loadFromRun,
  parseLoadAverage,
  slowStartStep,
  slowStartWeight,
  utf8,
} from '@piranha-ts/checks';

describe('loadArgv ([V08])', () => {
  test.each([
    ['rsh', ['rsh', '10.0.0.5', 'uptime']],
    ['ssh', ['ssh', '10.0.0.5', 'uptime']],
    ['rup', ['rup', '10.0.0.5']],
    ['ruptime', ['ruptime', '10.0.0.5']],
    ['/usr/local/bin/loadof', ['/usr/local/bin/loadof', '10.0.0.5']],
  ])('%s', (command, argv) => expect(loadArgv(command, '10.0.0.5')).toEqual(argv));

  test('none probes nothing', () => expect(loadArgv('none', '10.0.0.5')).toBeUndefined());
});

describe('parseLoadAverage', () => {
  test.each([
    // procps uptime, over rsh/ssh
    [' 10:14:01 up 3 days,  2:03,  2 users,  load average: 0.15, 0.10, 0.05', 0.15],
    [' 10:14:01 up 41 min,  0 users,  load average: 12.34, 8.00, 4.50\n', 12.34],
    // BusyBox uptime
    [' 10:14:01 up  2:03,  load average: 1.00, 0.50, 0.25', 1],
    // BSD and macOS uptime
    ['10:14AM  up 3 days,  2:03, 2 users, load averages: 0.15, 0.10, 0.05', 0.15],
    ['10:14  up 3 days,  2:03, 2 users, load averages: 1.61 1.72 1.80', 1.61],
    // rup
    ['10.0.0.5       up  3 days,  2:03,  load average: 0.42 0.30 0.20', 0.42],
    ['web1.example.com  up 12 days, 10:01,  load average: 2.00, 1.50, 1.00', 2],
    // ruptime: no colon after "load" (16.1 item 8)
    ['web1          up  3+02:03,     2 users,  load 0.15, 0.10, 0.05', 0.15],
    // a host name that merely contains "load"
    ['loadbalancer1  up  3+02:03,  2 users,  load 1.50, 1.20, 1.00', 1.5],
    ['load average:0.70, 0.50, 0.40', 0.7],
    ['load average: 0.70', 0.7],
    ['load average: .5, 0.1, 0.1', 0.5],
    ['load average: 3., 0.1, 0.1', 3],
  ])('%j -> %d', (output, load) => expect(parseLoadAverage(output)).toBe(Math.fround(load)));

  test.each([
    'web1        down  1+03:04',
    'rup: RPC: Program not registered',
    'ssh: connect to host 10.0.0.5 port 22: Connection refused',
    'load average: n/a',
    'load average: ., 0.1',
    'load average: 0.15abc',
    'download: 0.15, 0.10',
    '',
  ])('%j has no load', (output) => expect(parseLoadAverage(output)).toBeUndefined());

  test('the value is a C float, as the original stored it', () => {
    const load = parseLoadAverage('load average: 0.15, 0.10, 0.05');
    expect(load).toBe(Math.fround(0.15));
    expect(load).not.toBe(0.15);
  });
});

describe('loadFromRun', () => {
  const argv = ['rsh', '10.0.0.5', 'uptime'];
  const messages = (run: Parameters<typeof loadFromRun>[1]): readonly string[] => {
    const reading = loadFromRun(argv, run);
    return reading.ok ? [`load ${reading.load}`] : reading.lines.map((line) => line.message);
  };

  test('a good run gives the load', () => {
    const stdout = utf8(' 10:14:01 up 1 day,  load average: 0.50, 0.40, 0.30\n');
    expect(messages({ kind: 'exited', code: 0, stdout })).toEqual(['load 0.5']);
  });

  test('timeout, failure and garbage log what the original logged', () => {
    expect(messages({ kind: 'timeout' })).toEqual([
      'timeout running the following:',
      'running command  "rsh" "10.0.0.5" "uptime"',
      'failed to read remote load',
    ]);
    expect(messages({ kind: 'exited', code: 255, stdout: utf8('') })).toEqual([
      'The following exited abnormally:',
      'running command  "rsh" "10.0.0.5" "uptime"',
      'failed to read remote load',
    ]);
    expect(messages({ kind: 'exited', code: 0, stdout: utf8('Permission denied.\n') })).toEqual([
      'bad load average returned: Permission denied.',
    ]);
  });
});

describe('loadAdjustedWeight (6.7)', () => {
  // Each row was computed by the original's C expression compiled with gcc:
  // weight, scale, last weight, load as printed, new weight (undefined: no change).
  const fromC: readonly (readonly [number, number, number, string, number | undefined])[] = [
    [0, 10, 0, '0.5', 0],
    [1, 10, 1, '0', undefined],
    [2, 10, 2, '0', 3],
    [2, 10, 20, '0', undefined],
    [3, 10, 3, '0.99', undefined],
    [4, 1, 4, '0', undefined],
    [4, 10, 4, '0.875', 5],
    [8, 2, 9, '1.01', undefined],
    [8, 10, 30, '28', 18],
    [10, 10, 100, '0', undefined],
    [10, 10, 10, '9', undefined],
    [10, 10, 50, '9', 40],
    [20, 10, 20, '0.1', 29],
    [20, 10, 21, '1', undefined],
    [100, 10, 100, '0.5', 139],
    [255, 10, 2033, '3', 1872],
    [20, 2, 27, '1.125', 22],
    [1000, 10, 3807, '0', 4307],
    [1000, 10, 7748, '100', 5434],
    [7, 10, 14, '0.5', 16],
    [8, 10, 71, '2', 67],
    [1000, 10, 7468, '1.125', 7218],
    [10, 10, 87, '1.5', 83],
    [1000, 2, 1021, '0.15', 1494],
    [7, 10, 26, '2.25', 22],
    [50, 2, 64, '9', 50],
    [10, 10, 77, '0.01', 81],
    [1000, 10, 8672, '0.01', 9170],
    [7, 10, 35, '28', 24],
    [16, 10, 68, '1.0', undefined],
    [100, 10, 751, '1.01', undefined],
    [7, 10, 7, '1.125', undefined],
    [5, 10, 40, '0.9', undefined],
    [1000, 10, 8455, '0.9', undefined],
    [255, 10, 1543, '1.01', undefined],
  ];

  test.each(fromC)('W=%d S=%d last=%d load=%s -> %s', (weight, scale, last, text, expected) => {
    const load = parseLoadAverage(`load average: ${text}, 0.00, 0.00`);
    expect(load).toBeDefined();
    expect(loadAdjustedWeight({ weight, scale }, last, load ?? -1)).toBe(expected);
  });

  test('load exactly 1, or no reading, changes nothing', () => {
    expect(loadAdjustedWeight({ weight: 10, scale: 10 }, 50, 1)).toBeUndefined();
    expect(loadAdjustedWeight({ weight: 10, scale: 10 }, 50, -1)).toBeUndefined();
  });

  test('never below the configured weight, never above scale times it', () => {
    const policy = { weight: 10, scale: 3 };
    expect(loadAdjustedWeight(policy, 25, 0)).toBe(30);
    expect(loadAdjustedWeight(policy, 30, 0)).toBeUndefined();
    expect(loadAdjustedWeight(policy, 14, 50)).toBe(10);
    expect(loadAdjustedWeight(policy, 10, 50)).toBeUndefined();
  });

  test('weight 1 never moves (kept, 16.3)', () => {
    for (const load of [0, 0.2, 3, 100]) {
      expect(loadAdjustedWeight({ weight: 1, scale: 10 }, 1, Math.fround(load))).toBeUndefined();
    }
  });

  test('a change smaller than W/4 is not applied', () => {
    // 8 + 4 * cbrt(1 - 0.999) = 8.4: truncates to 8, no change.
    expect(loadAdjustedWeight({ weight: 8, scale: 10 }, 8, Math.fround(0.999))).toBeUndefined();
    // W = 16: 16 + 8 * cbrt(0.1) = 19.7 is a step of 3, under the bar of 4.
    expect(loadAdjustedWeight({ weight: 16, scale: 10 }, 16, Math.fround(0.9))).toBeUndefined();
    expect(loadAdjustedWeight({ weight: 16, scale: 10 }, 16, Math.fround(0.5))).toBe(22);
  });
});

describe('slow start ([V08])', () => {
  test.each([
    [1, 1],
    [31, 1],
    [32, 1],
    [64, 2],
    [100, 3],
    [1000, 31],
  ])('weight %d enters with %d', (weight, first) => expect(slowStartWeight(weight)).toBe(first));

  test('weight 0 enters with 0 (the original raised it to 1)', () => {
    expect(slowStartWeight(0)).toBe(0);
    expect(slowStartStep(0, 0)).toBeUndefined();
  });

  test('doubles up to the configured weight, then stops', () => {
    const steps: number[] = [];
    for (let w: number | undefined = slowStartWeight(100); w !== undefined;) {
      steps.push(w);
      w = slowStartStep(100, w);
    }
    expect(steps).toEqual([3, 6, 12, 24, 48, 96, 100]);
  });

  test('a last weight of 0 still climbs', () => expect(slowStartStep(10, 0)).toBe(1));
});
