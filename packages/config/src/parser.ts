// lvs.cf parser: a line-at-a-time state machine over blocks. It reports every error in the
// file (not only the first) and builds the typed model only when there is none.
import { diagnostic, errorsOf, type Diagnostic, type Position } from './diagnostics.js';
import { parseAssignment, type ValueContext } from './assign.js';
import {
  BLOCK_KEYWORDS,
  SERVICE_KEYWORDS,
  findKeyword,
  scopesOf,
  type KeywordValue,
  type Scope,
} from './keywords.js';
import { lex, type Token } from './lexer.js';
import type { LvsConfig } from './model.js';
import { buildConfig, type BlockDraft, type ConfigDraft, type ServerDraft } from './build.js';
import { blockPath, globalPath, serverPath } from './source.js';
import { lookupWellKnownService } from './services.js';

export interface ParseOptions {
  /** tcp service name -> port; defaults to a built-in table of well-known names. */
  readonly lookupService?: (name: string) => number | undefined;
}

export type ParseResult =
  | {
      readonly ok: true;
      readonly config: LvsConfig;
      /** Warnings only. */
      readonly diagnostics: readonly Diagnostic[];
      readonly source: ReadonlyMap<string, Position>;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

interface ParserState {
  readonly draft: ConfigDraft;
  readonly diagnostics: Diagnostic[];
  readonly source: Map<string, Position>;
  readonly context: ValueContext;
  block: BlockDraft | undefined;
  server: ServerDraft | undefined;
}

export function parseLvsCf(text: string, options: ParseOptions = {}): ParseResult {
  if (text.length === 0) {
    const at = { line: 1, column: 1 };
    return {
      ok: false,
      diagnostics: [diagnostic('empty-configuration', at, undefined, 'empty configuration')],
    };
  }
  const state: ParserState = {
    draft: { globals: new Map(), globalsSeen: new Map(), virtuals: [], failovers: [] },
    diagnostics: [],
    source: new Map(),
    context: { lookupService: options.lookupService ?? lookupWellKnownService },
    block: undefined,
    server: undefined,
  };
  for (const line of lex(text)) {
    if (line.error !== undefined) state.diagnostics.push(line.error);
    else if (line.tokens.length > 0) parseLine(state, line.tokens);
  }
  closeAtEndOfFile(state);
  if (errorsOf(state.diagnostics).length > 0) return { ok: false, diagnostics: state.diagnostics };
  return {
    ok: true,
    config: buildConfig(state.draft),
    diagnostics: state.diagnostics,
    source: state.source,
  };
}

function parseLine(state: ParserState, tokens: readonly Token[]): void {
  const first = tokens[0] as Token;
  const second = tokens[1];
  if (first.quote === undefined && first.text === '}') closeBlock(state, tokens);
  else if (isBlockKeyword(first) && !(second?.text === '=' && second.quote === undefined)) {
    openBlock(state, first.text as (typeof BLOCK_KEYWORDS)[number], tokens);
  } else assign(state, tokens);
}

function isBlockKeyword(token: Token): boolean {
  return token.quote === undefined && (BLOCK_KEYWORDS as readonly string[]).includes(token.text);
}

function currentScope(state: ParserState): Scope {
  if (state.server !== undefined) return 'server';
  return state.block?.kind ?? 'global';
}

function report(state: ParserState, d: Diagnostic): void {
  state.diagnostics.push(d);
}

function checkHeader(state: ParserState, tokens: readonly Token[]): void {
  const keyword = (tokens[0] as Token).text;
  const name = tokens[1];
  const brace = tokens[2];
  if (name === undefined || name.text === '{') {
    report(
      state,
      diagnostic(
        'missing-arguments',
        tokens[0] as Token,
        keyword,
        `missing arguments: expected "${keyword} NAME {"`,
      ),
    );
  } else if (brace === undefined || brace.text !== '{') {
    const at = brace ?? name;
    report(
      state,
      diagnostic(
        'missing-arguments',
        at,
        keyword,
        `missing arguments: expected "{" after "${keyword} ${name.text}"`,
      ),
    );
  } else if (tokens[3] !== undefined) {
    report(
      state,
      diagnostic(
        'unexpected-arguments',
        tokens[3],
        keyword,
        `unexpected arguments after "{": "${tokens[3].text}"`,
      ),
    );
  }
}

function openBlock(
  state: ParserState,
  keyword: 'virtual' | 'failover' | 'server',
  tokens: readonly Token[],
): void {
  const header = tokens[0] as Token;
  checkHeader(state, tokens);
  const name = tokens[1] !== undefined && tokens[1].text !== '{' ? tokens[1].text : '';
  if (keyword === 'server') {
    openServer(state, header, name);
    return;
  }
  if (state.block !== undefined) {
    report(
      state,
      diagnostic(
        'unknown-command',
        header,
        keyword,
        `${keyword} blocks cannot nest: is a "}" missing before this line?`,
      ),
    );
    finishBlock(state);
  }
  const list = keyword === 'virtual' ? state.draft.virtuals : state.draft.failovers;
  const index = list.length;
  state.block = {
    kind: keyword,
    name,
    index,
    header,
    fields: new Map(),
    seen: new Map(),
    servers: [],
  };
  list.push(state.block);
  state.source.set(blockPath(keyword, index), header);
}

function openServer(state: ParserState, header: Token, name: string): void {
  if (state.server !== undefined) {
    report(
      state,
      diagnostic(
        'unknown-command',
        header,
        'server',
        'server blocks cannot nest: is a "}" missing before this line?',
      ),
    );
    state.server = undefined;
  }
  const block = state.block;
  if (block === undefined) {
    report(
      state,
      diagnostic(
        'unknown-command',
        header,
        'server',
        'a server block must be inside a virtual block',
      ),
    );
  } else if (block.kind === 'failover') {
    report(
      state,
      diagnostic(
        'ignored-keyword',
        header,
        'server',
        'server blocks in a failover block are ignored',
        'warning',
      ),
    );
  }
  const inherited = block?.fields.get('port');
  const port = typeof inherited === 'number' ? inherited : 80;
  const index = block?.kind === 'virtual' ? block.servers.length : -1;
  state.server = { name, index, header, fields: new Map(), seen: new Map(), inheritedPort: port };
  if (block?.kind === 'virtual') {
    block.servers.push(state.server);
    state.source.set(serverPath(block.index, index), header);
  }
}

function closeBlock(state: ParserState, tokens: readonly Token[]): void {
  const extra = tokens[1];
  if (extra !== undefined) {
    report(
      state,
      diagnostic(
        'unexpected-arguments',
        extra,
        undefined,
        `unexpected arguments after "}": "${extra.text}"`,
      ),
    );
  }
  if (state.server !== undefined) state.server = undefined;
  else if (state.block !== undefined) finishBlock(state);
  else
    report(
      state,
      diagnostic(
        'unknown-command',
        tokens[0] as Token,
        undefined,
        'unknown command: "}" without an open block',
      ),
    );
}

function finishBlock(state: ParserState): void {
  state.server = undefined;
  state.block = undefined;
}

function closeAtEndOfFile(state: ParserState): void {
  for (const open of [state.server, state.block]) {
    if (open === undefined) continue;
    const keyword = 'kind' in open ? open.kind : 'server';
    report(
      state,
      diagnostic(
        'unexpected-eof',
        open.header,
        keyword,
        `unexpected end of file: "${keyword} ${open.name} {" is never closed`,
      ),
    );
  }
}

function assign(state: ParserState, tokens: readonly Token[]): void {
  const key = tokens[0] as Token;
  const scope = currentScope(state);
  const spec = findKeyword(scope, key.text);
  if (spec === undefined) {
    const keyword = key.text.includes('=') ? key.text.slice(0, key.text.indexOf('=')) : key.text;
    report(state, diagnostic('unknown-command', key, keyword, unknownMessage(key.text, scope)));
    return;
  }
  const result = parseAssignment(spec, tokens, state.context);
  if (!result.ok) {
    report(state, result.diagnostic);
    return;
  }
  store(state, scope, key, spec.field, result.value, result.at);
}

function unknownMessage(word: string, scope: Scope): string {
  const where = scope === 'global' ? 'at top level' : `in a ${scope} block`;
  const eq = word.indexOf('=');
  if (eq > 0 && scopesOf(word.slice(0, eq)).length > 0) {
    return `unknown command "${word}": put blanks around "=" (${word.slice(0, eq)} = ${word.slice(eq + 1)})`;
  }
  const elsewhere = scopesOf(word);
  if (elsewhere.length > 0) {
    return `unknown command "${word}" ${where}: it belongs ${elsewhere.map(describeScope).join(' or ')}`;
  }
  return `unknown command "${word}" ${where}`;
}

function describeScope(scope: Scope): string {
  return scope === 'global' ? 'at top level' : `in a ${scope} block`;
}

function store(
  state: ParserState,
  scope: Scope,
  key: Token,
  field: string,
  value: KeywordValue,
  at: Token,
): void {
  const target = scope === 'server' ? state.server : scope === 'global' ? undefined : state.block;
  const seen = target?.seen ?? state.draft.globalsSeen;
  const fields = target?.fields ?? state.draft.globals;
  const earlier = seen.get(key.text);
  if (earlier !== undefined) {
    const message = `repeated keyword: this value overrides the one on line ${earlier.line}`;
    report(state, diagnostic('repeated-keyword', key, key.text, message, 'warning'));
  }
  seen.set(key.text, key);
  fields.set(field, value);
  state.source.set(pathFor(state, scope, key.text), at);
  if (scope === 'failover') warnIfUnusedInFailover(state, key);
  if (scope === 'virtual' && key.text === 'port') warnIfLatePort(state, key, value);
}

function pathFor(state: ParserState, scope: Scope, keyword: string): string {
  const block = state.block;
  if (scope === 'server' && block !== undefined && state.server !== undefined) {
    return serverPath(block.index, state.server.index, keyword);
  }
  if (block !== undefined && scope !== 'global') return blockPath(block.kind, block.index, keyword);
  return globalPath(keyword);
}

function warnIfUnusedInFailover(state: ParserState, key: Token): void {
  const spec = SERVICE_KEYWORDS.find((k) => k.keyword === key.text);
  if (spec !== undefined && !spec.inFailover) {
    report(
      state,
      diagnostic(
        'ignored-keyword',
        key,
        key.text,
        'accepted but ignored in a failover block',
        'warning',
      ),
    );
  }
}

function warnIfLatePort(state: ParserState, key: Token, value: KeywordValue): void {
  const stale = (state.block?.servers ?? []).filter(
    (s) => !s.fields.has('port') && s.inheritedPort !== value,
  );
  if (stale.length === 0) return;
  const names = stale.map((s) => s.name).join(', ');
  const message = `port is set after server blocks: ${names} keep port ${stale[0]?.inheritedPort} (put port before the servers)`;
  report(state, diagnostic('late-port', key, key.text, message, 'warning'));
}
