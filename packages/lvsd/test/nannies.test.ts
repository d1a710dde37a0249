import { NANNY_NODE_OPTIONS, nannyEnvironment } from '../src/nannies.js';

describe('nannyEnvironment', () => {
  test('adds the nanny V8 flags and keeps the rest of the environment', () => {
    const env = nannyEnvironment({ PATH: '/usr/sbin:/usr/bin', PIRANHA_RUNDIR: '/run/x' });
    expect(env).toEqual({
      PATH: '/usr/sbin:/usr/bin',
      PIRANHA_RUNDIR: '/run/x',
      NODE_OPTIONS: NANNY_NODE_OPTIONS,
    });
  });

  test('puts them before the options lvsd was given, so a flag given by hand wins', () => {
    const env = nannyEnvironment({ NODE_OPTIONS: '--max-semi-space-size=8 --trace-gc' });
    expect(env['NODE_OPTIONS']).toBe(`${NANNY_NODE_OPTIONS} --max-semi-space-size=8 --trace-gc`);
  });

  test('an empty NODE_OPTIONS adds no blank', () => {
    expect(nannyEnvironment({ NODE_OPTIONS: '' })['NODE_OPTIONS']).toBe(NANNY_NODE_OPTIONS);
  });

  test('does not change the environment it is given', () => {
    const given = { NODE_OPTIONS: '--trace-gc' };
    nannyEnvironment(given);
    expect(given).toEqual({ NODE_OPTIONS: '--trace-gc' });
  });
});
