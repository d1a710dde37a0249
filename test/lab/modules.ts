// The initramfs has no modprobe of its own (busybox insmod loads one file at a time), so the
// host works out which module files to copy and in what order, from the kernel's modules.dep.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface ModuleIndex {
  /** Module name (dashes as underscores) -> path relative to lib/modules/<version>. */
  readonly files: ReadonlyMap<string, string>;
  /** Module name -> names of the modules it needs. */
  readonly deps: ReadonlyMap<string, readonly string[]>;
  /** Modules compiled into the kernel: nothing to load. */
  readonly builtin: ReadonlySet<string>;
}

/** kernel/fs/9p/9p.ko.xz -> 9p; names use underscores, as the kernel does. */
export function moduleName(file: string): string {
  return path
    .basename(file)
    .replace(/\.ko(\.\w+)?$/, '')
    .replace(/-/g, '_');
}

export function parseModuleIndex(modulesDep: string, modulesBuiltin: string): ModuleIndex {
  const files = new Map<string, string>();
  const deps = new Map<string, readonly string[]>();
  for (const line of modulesDep.split('\n')) {
    const [file, rest] = line.split(':');
    if (file === undefined || rest === undefined) continue;
    const name = moduleName(file);
    files.set(name, file.trim());
    deps.set(name, rest.trim().split(/\s+/).filter(Boolean).map(moduleName));
  }
  const builtin = new Set(modulesBuiltin.split('\n').filter(Boolean).map(moduleName));
  return { files, deps, builtin };
}

export async function readModuleIndex(modulesDir: string): Promise<ModuleIndex> {
  const [dep, builtin] = await Promise.all([
    readFile(path.join(modulesDir, 'modules.dep'), 'utf8'),
    readFile(path.join(modulesDir, 'modules.builtin'), 'utf8').catch(() => ''),
  ]);
  return parseModuleIndex(dep, builtin);
}

/** Module files to insmod, dependencies before their users; built-in modules are skipped. */
export function loadOrder(index: ModuleIndex, wanted: readonly string[]): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    const file = index.files.get(name);
    if (index.builtin.has(name) && file === undefined) return;
    if (file === undefined) throw new Error(`kernel module ${name} not found in modules.dep`);
    if (order.includes(file) || visiting.has(name)) return;
    visiting.add(name);
    for (const dep of index.deps.get(name) ?? []) visit(dep);
    order.push(file);
  };
  for (const name of wanted) visit(name.replace(/-/g, '_'));
  return order;
}
