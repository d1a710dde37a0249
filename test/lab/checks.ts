// Reads the checks a guest script reported with lab_check (guest/checks.sh): one line each,
// "@@LAB-CHECK " and a JSON object whose output field is base64. The guest is a test subject,
// so every line is validated rather than trusted.

export interface LabCheck {
  readonly name: string;
  readonly exitCode: number;
  /** The command's stdout and stderr, as it printed them (without trailing newlines). */
  readonly output: string;
}

const prefix = '@@LAB-CHECK ';

function decodeCheck(json: string): LabCheck {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  const { name, exitCode, output } = value as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') throw new Error('bad name');
  if (typeof exitCode !== 'number' || !Number.isInteger(exitCode)) throw new Error('bad exitCode');
  if (typeof output !== 'string') throw new Error('bad output');
  return { name, exitCode, output: Buffer.from(output, 'base64').toString('utf8') };
}

/** Every check in the script's output, by name; a repeated or malformed one is an error. */
export function parseChecks(scriptOutput: string): ReadonlyMap<string, LabCheck> {
  const checks = new Map<string, LabCheck>();
  for (const line of scriptOutput.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    let check: LabCheck;
    try {
      check = decodeCheck(line.slice(prefix.length));
    } catch (error) {
      throw new Error(`malformed check line (${(error as Error).message}): ${line}`);
    }
    if (checks.has(check.name)) throw new Error(`check ${check.name} reported twice`);
    checks.set(check.name, check);
  }
  return checks;
}
