// The fixture set of realistic lvs.cf files (test/fixtures/lvs.cf): every good file parses to
// its expected summary and round-trips through the canonical layout; every bad file gives
// exactly its expected errors at the expected physical lines.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLvsCf, serializeLvsCf, type LvsConfig } from '@piranha-ts/config';
import { loadLvsCfText } from '@piranha-ts/config/io';

const root = fileURLToPath(new URL('../../../test/fixtures/lvs.cf/', import.meta.url));
const read = (path: string) => readFileSync(root + path, 'utf8');
const filesIn = (dir: string) => readdirSync(root + dir).filter((f) => f.endsWith('.cf'));

interface GoodExpectation {
  readonly service: string;
  readonly network: string;
  readonly virtuals?: readonly Record<string, unknown>[];
  readonly virtualCount?: number;
  readonly serverCount?: number;
  readonly failovers: readonly Record<string, unknown>[];
  readonly hosts: Readonly<Record<string, string>>;
}
type BadExpectation = readonly { line: number; code: string; keyword?: string }[];

const good = JSON.parse(read('good/expected.json')) as Record<string, GoodExpectation>;
const bad = JSON.parse(read('bad/expected.json')) as Record<string, BadExpectation>;

test('the fixture set is complete and large enough', () => {
  expect(filesIn('good').sort()).toEqual(Object.keys(good).sort());
  expect(filesIn('bad').sort()).toEqual(Object.keys(bad).sort());
  expect(filesIn('good').length).toBeGreaterThanOrEqual(30);
  expect(filesIn('bad').length).toBeGreaterThanOrEqual(15);
});

function summary(config: LvsConfig, expected: GoodExpectation) {
  const virtuals = config.virtuals.map((vs) => ({
    name: vs.name,
    active: vs.active,
    protocol: vs.protocol,
    port: vs.port,
    fwmark: vs.fwmark,
    scheduler: vs.scheduler,
    persistent: vs.persistent,
    servers: vs.servers.map(({ name, address, active, weight, port }) => ({
      ...{ name, address, active, weight, port },
    })),
  }));
  const failovers = config.failovers.map(({ name, active, port }) => ({ name, active, port }));
  const counts =
    expected.virtualCount === undefined
      ? { virtuals }
      : {
          virtualCount: virtuals.length,
          serverCount: virtuals.reduce((n, vs) => n + vs.servers.length, 0),
        };
  return { service: config.service, network: config.network, ...counts, failovers };
}

describe.each(Object.entries(good))('good/%s', (file, expected) => {
  test('parses, resolves and validates to the expected model', async () => {
    const resolveHost = async (name: string) => expected.hosts[name];
    const result = await loadLvsCfText(read(`good/${file}`), { resolveHost });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const { hosts: _hosts, ...want } = expected;
    expect(summary(result.written, expected)).toEqual(want);
  });

  test('round-trips through the canonical layout', () => {
    const parsed = parseLvsCf(read(`good/${file}`));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const canonical = serializeLvsCf(parsed.config);
    const again = parseLvsCf(canonical);
    expect(again.ok && again.config).toEqual(parsed.config);
    expect(again.ok && serializeLvsCf(again.config)).toBe(canonical);
  });
});

describe.each(Object.entries(bad))('bad/%s', (file, expected) => {
  test('reports exactly the expected errors', async () => {
    const result = await loadLvsCfText(read(`bad/${file}`), { resolveHost: async () => undefined });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'parse') return;
    const errors = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ line: d.line, code: d.code, keyword: d.keyword }));
    expect(errors).toEqual(expected.map((e) => ({ keyword: undefined, ...e })));
  });
});
