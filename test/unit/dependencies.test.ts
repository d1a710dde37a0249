// Dependencies between our packages point one way (docs/architecture.md). This checks each
// package.json and every import in each package's sources against that picture.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ALLOWED: Record<string, readonly string[]> = {
  config: [],
  protocol: [],
  net: [],
  checks: [],
  heartbeat: [],
  ipvs: ['config'],
  daemon: ['protocol'],
  pulse: ['config', 'heartbeat', 'net', 'daemon', 'protocol'],
  lvsd: ['config', 'ipvs', 'net', 'checks', 'daemon', 'protocol'],
  nanny: ['checks', 'daemon', 'protocol'],
  'send-arp': ['net', 'daemon'],
  gui: ['config', 'protocol', 'daemon'],
  status: ['daemon', 'protocol'],
};
/** Daemon packages: wiring only, nothing imports them. */
const DAEMONS = ['pulse', 'lvsd', 'nanny', 'send-arp', 'gui', 'status'];

const root = fileURLToPath(new URL('../../packages/', import.meta.url));
const packages = readdirSync(root).filter((p) => statSync(join(root, p)).isDirectory());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importedPackages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '@piranha-ts\/([a-z-]+)/g)].map((m) => m[1] as string);
}

test('every package is known to the dependency picture', () => {
  expect(packages.length).toBeGreaterThan(0);
  for (const name of packages) expect(Object.keys(ALLOWED)).toContain(name);
});

describe.each(packages)('package %s', (name) => {
  const allowed = ALLOWED[name] ?? [];

  test('package.json names only allowed packages of ours', () => {
    const manifest = JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
    };
    expect(manifest.name).toBe(`@piranha-ts/${name}`);
    const ours = Object.keys(manifest.dependencies ?? {})
      .filter((d) => d.startsWith('@piranha-ts/'))
      .map((d) => d.slice('@piranha-ts/'.length));
    for (const dep of ours) {
      expect(allowed).toContain(dep);
      expect(DAEMONS).not.toContain(dep);
    }
  });

  test('sources import only allowed packages of ours', () => {
    for (const file of sourceFiles(join(root, name, 'src'))) {
      for (const dep of importedPackages(file)) {
        if (dep !== name) expect([file, allowed.includes(dep)]).toEqual([file, true]);
      }
    }
  });
});
