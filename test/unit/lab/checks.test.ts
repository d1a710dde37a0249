import { parseChecks } from '../../lab/checks.js';

const line = (name: string, exitCode: number, output: string): string =>
  `@@LAB-CHECK ${JSON.stringify({ name, exitCode, output: Buffer.from(output).toString('base64') })}`;

describe('parseChecks', () => {
  test('decodes every check line and ignores the rest', () => {
    const output = ['--- a (exit 0)', line('a', 0, 'x\n"y"'), 'noise', line('b', 7, '')].join('\n');
    const checks = parseChecks(output);
    expect([...checks.keys()]).toEqual(['a', 'b']);
    expect(checks.get('a')).toEqual({ name: 'a', exitCode: 0, output: 'x\n"y"' });
    expect(checks.get('b')?.exitCode).toBe(7);
  });

  test('rejects repeated and malformed checks', () => {
    expect(() => parseChecks([line('a', 0, ''), line('a', 1, '')].join('\n'))).toThrow(/twice/);
    expect(() => parseChecks('@@LAB-CHECK {"name":"a","exitCode":"0","output":""}')).toThrow(
      /malformed/,
    );
    expect(() => parseChecks('@@LAB-CHECK {not json')).toThrow(/malformed/);
  });
});
