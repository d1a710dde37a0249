import { parseLvsCf, type Diagnostic, type LvsConfig } from '@piranha-ts/config';

/** Parses text that must be valid; fails the test with the diagnostics otherwise. */
export function parseOk(text: string): LvsConfig {
  const result = parseLvsCf(text);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.diagnostics)}`);
  return result.config;
}

/** Parses text that must be rejected and returns its errors. */
export function parseErrors(text: string): readonly Diagnostic[] {
  const result = parseLvsCf(text);
  if (result.ok) throw new Error('expected the text to be rejected');
  return result.diagnostics.filter((d) => d.severity === 'error');
}

export function virtualWith(lines: string, servers = ''): string {
  return `virtual web {\n    active = 1\n    address = 192.0.2.10 eth0:1\n${lines}\n${servers}}\n`;
}
