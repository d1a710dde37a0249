// Reads, parses, resolves and validates lvs.cf: what every daemon does at start and reload.
import { readFile } from 'node:fs/promises';
import { lookup } from 'node:dns/promises';
import {
  diagnostic,
  errorsOf,
  formatDiagnostic,
  formatParseFailure,
  hostReferences,
  lookupWellKnownService,
  parseLvsCf,
  parseServicesFile,
  positionOf,
  substituteHosts,
  validateConfig,
  type Diagnostic,
  type LvsConfig,
  type SourceIndex,
} from '../index.js';

/** Compiled-in default, as in the original. */
export const DEFAULT_CONFIG_FILE = '/etc/sysconfig/ha/lvs.cf';

export type LoadResult =
  | {
      readonly ok: true;
      /** Host names already replaced by addresses. */
      readonly config: LvsConfig;
      /** The model as written (names kept), for tools that rewrite the file. */
      readonly written: LvsConfig;
      readonly source: SourceIndex;
      readonly diagnostics: readonly Diagnostic[];
      readonly text: string;
    }
  | { readonly ok: false; readonly reason: 'open'; readonly message: string }
  | { readonly ok: false; readonly reason: 'parse'; readonly diagnostics: readonly Diagnostic[] };

export type HostResolver = (name: string) => Promise<string | undefined>;

export const dnsResolver: HostResolver = async (name) => {
  try {
    return (await lookup(name, { family: 4 })).address;
  } catch {
    return undefined;
  }
};

async function systemServices(): Promise<(name: string) => number | undefined> {
  try {
    const table = parseServicesFile(await readFile('/etc/services', 'utf8'));
    return (name) => table(name) ?? lookupWellKnownService(name);
  } catch {
    return lookupWellKnownService;
  }
}

export interface LoadOptions {
  readonly resolveHost?: HostResolver;
}

export async function loadLvsCf(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, reason: 'open', message: `failed to open ${file}: ${reason}` };
  }
  return loadLvsCfText(text, options);
}

export async function loadLvsCfText(text: string, options: LoadOptions = {}): Promise<LoadResult> {
  const parsed = parseLvsCf(text, { lookupService: await systemServices() });
  if (!parsed.ok) return { ok: false, reason: 'parse', diagnostics: parsed.diagnostics };
  const resolver = options.resolveHost ?? dnsResolver;
  const resolved = new Map<string, string>();
  const failures: Diagnostic[] = [];
  for (const ref of hostReferences(parsed.config)) {
    const address = resolved.get(ref.name) ?? (await resolver(ref.name));
    if (address !== undefined) resolved.set(ref.name, address);
    else {
      const at = positionOf(parsed.source, ref.path);
      failures.push(
        diagnostic('invalid-argument', at, ref.keyword, `cannot resolve host name "${ref.name}"`),
      );
    }
  }
  const config = substituteHosts(parsed.config, resolved);
  const diagnostics = [
    ...parsed.diagnostics,
    ...failures,
    ...validateConfig(config, parsed.source),
  ];
  if (errorsOf(diagnostics).length > 0) return { ok: false, reason: 'parse', diagnostics };
  return { ok: true, config, written: parsed.config, source: parsed.source, diagnostics, text };
}

/** What a daemon prints on stderr when its configuration cannot be used. */
export function describeLoadFailure(
  program: string,
  file: string,
  failure: Exclude<LoadResult, { ok: true }>,
): string {
  if (failure.reason === 'open') return `${program}: ${failure.message}`;
  return formatParseFailure(program, file, failure.diagnostics);
}

/** Warnings of a usable file, one `FILE:LINE:COL: warning: ...` line each. */
export function describeWarnings(file: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === 'warning').map((d) => formatDiagnostic(file, d));
}
