// Jest helper: one boot per test file, many tests. The guest script reports named checks
// (guest/checks.sh); each test() asserts on one of them, so a failure names the step and
// shows what it printed.
//
//   const lab = labSession({ scriptPath: 'test/lab/scripts/nat-rr.sh' });
//   test('ipvsadm lists the service', () => {
//     expect(lab.ok('save')).toContain('-A -t 192.0.2.10:80 -s rr');
//   });
import { runInLab, type BootOptions, type GuestOptions, type LabResult } from './index.js';
import { parseChecks, type LabCheck } from './checks.js';
import type { LabScript } from './run-dir.js';

export interface LabSession {
  /** The whole run; throws if the boot failed (the reason is the error). */
  readonly result: LabResult;
  /** The check reported under `name`; throws (with the script's output) when there is none. */
  check(name: string): LabCheck;
  /** The output of check `name`, which must have exited 0; throws with its output otherwise. */
  ok(name: string): string;
}

// A cold guest build downloads and unpacks a kernel: allow for it on top of the run itself.
const buildAllowanceMs = 300_000;
const defaultRunTimeoutMs = 300_000;

/** Boots the lab once, in beforeAll, running `script`; tests read the checks it reported. */
export function labSession(
  script: LabScript,
  options: BootOptions & GuestOptions = {},
): LabSession {
  const timeoutMs = options.timeoutMs ?? defaultRunTimeoutMs;
  let run: { result: LabResult; checks: ReadonlyMap<string, LabCheck> } | undefined;
  let failure: unknown;

  beforeAll(async () => {
    try {
      const result = await runInLab(script, { ...options, timeoutMs });
      run = { result, checks: parseChecks(result.output) };
    } catch (error) {
      failure = error;
      throw error;
    }
  }, timeoutMs + buildAllowanceMs);

  const current = (): NonNullable<typeof run> => {
    if (run === undefined) throw failure ?? new Error('the lab session has not run (beforeAll)');
    return run;
  };
  const check = (name: string): LabCheck => {
    const found = current().checks.get(name);
    if (found !== undefined) return found;
    throw new Error(
      `the guest reported no check "${name}"; it printed:\n${current().result.output}`,
    );
  };
  return {
    get result() {
      return current().result;
    },
    check,
    ok(name) {
      const found = check(name);
      if (found.exitCode === 0) return found.output;
      throw new Error(`check "${name}" exited ${found.exitCode}:\n${found.output}`);
    },
  };
}
