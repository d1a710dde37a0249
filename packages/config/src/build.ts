// Turns parser drafts (keyword values as written) into the typed model, filling in the
// defaults of the keyword table.
import type { Position } from './diagnostics.js';
import { SERVICE_KEYWORDS, defaultsOf, type KeywordValue } from './keywords.js';
import type { FailoverService, LvsConfig, RealServer, VirtualServer } from './model.js';

export interface ServerDraft {
  readonly name: string;
  /** Index in its virtual block; -1 for a server block that belongs nowhere. */
  readonly index: number;
  readonly header: Position;
  readonly fields: Map<string, KeywordValue>;
  readonly seen: Map<string, Position>;
  /** The virtual block's port when the server line was read (the original's rule). */
  readonly inheritedPort: number;
}

export interface BlockDraft {
  readonly kind: 'virtual' | 'failover';
  readonly name: string;
  readonly index: number;
  readonly header: Position;
  readonly fields: Map<string, KeywordValue>;
  readonly seen: Map<string, Position>;
  readonly servers: ServerDraft[];
}

export interface ConfigDraft {
  readonly globals: Map<string, KeywordValue>;
  readonly globalsSeen: Map<string, Position>;
  readonly virtuals: BlockDraft[];
  readonly failovers: BlockDraft[];
}

const FAILOVER_FIELDS = new Set(SERVICE_KEYWORDS.filter((k) => k.inFailover).map((k) => k.field));

function withDefaults(
  scope: 'global' | 'virtual' | 'server',
  fields: ReadonlyMap<string, KeywordValue>,
): Record<string, KeywordValue | undefined> {
  return { ...defaultsOf(scope), ...Object.fromEntries(fields) };
}

/** The one unchecked step: the keyword table and the model are kept in step by a unit test. */
function asModel<T>(record: Record<string, unknown>): T {
  return record as unknown as T;
}

function buildServer(draft: ServerDraft): RealServer {
  const values = withDefaults('server', draft.fields);
  return asModel<RealServer>({
    ...values,
    name: draft.name,
    port: values['port'] ?? draft.inheritedPort,
  });
}

function buildVirtual(draft: BlockDraft): VirtualServer {
  const values = withDefaults('virtual', draft.fields);
  const servers = draft.servers.map(buildServer);
  return asModel<VirtualServer>({ ...values, kind: 'virtual', name: draft.name, servers });
}

function buildFailover(draft: BlockDraft): FailoverService {
  const values = withDefaults('virtual', draft.fields);
  const kept = Object.entries(values).filter(([field]) => FAILOVER_FIELDS.has(field));
  return asModel<FailoverService>({
    ...Object.fromEntries(kept),
    kind: 'failover',
    name: draft.name,
  });
}

export function buildConfig(draft: ConfigDraft): LvsConfig {
  const globals = withDefaults('global', draft.globals);
  return asModel<LvsConfig>({
    ...globals,
    virtuals: draft.virtuals.map(buildVirtual),
    failovers: draft.failovers.map(buildFailover),
  });
}
