// The Prometheus text exposition format, version 0.0.4: `# HELP` and `# TYPE` once per
// family, then one `name{label="value"} number` line per sample.

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly labels?: Labels;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly samples: readonly Sample[];
}

/** HELP text escapes backslash and newline. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Label values also escape the double quote. */
export function escapeLabelValue(text: string): string {
  return escapeHelp(text).replace(/"/g, '\\"');
}

/** Go's spelling of the special values, which Prometheus parses. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function sampleLine(name: string, sample: Sample): string {
  const pairs = Object.entries(sample.labels ?? {}).map(
    ([label, value]) => `${label}="${escapeLabelValue(value)}"`,
  );
  const labels = pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
  return `${name}${labels} ${formatValue(sample.value)}`;
}

export function exposition(families: readonly MetricFamily[]): string {
  const lines = families.flatMap((family) => [
    `# HELP ${family.name} ${escapeHelp(family.help)}`,
    `# TYPE ${family.name} ${family.type}`,
    ...family.samples.map((sample) => sampleLine(family.name, sample)),
  ]);
  return `${lines.join('\n')}\n`;
}
