// One `KEY = VALUE...` line: shape checks (=, value count) then the typed value.
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { KeywordSpec, KeywordValue, ValueType } from './keywords.js';
import type { Token } from './lexer.js';
import {
  fail,
  isIPv4,
  ok,
  parseBoolean,
  parseEnum,
  parseHost,
  parseInteger,
  parseNetmask,
  parsePort,
  parseSeconds,
  type ValueResult,
} from './values.js';

export interface ValueContext {
  readonly lookupService: (name: string) => number | undefined;
}

export type AssignmentResult =
  | { readonly ok: true; readonly value: KeywordValue; readonly at: Token }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

function valueCount(type: ValueType): number | 'list' {
  if (type.kind === 'address-device') return 2;
  if (type.kind === 'list') return 'list';
  return 1;
}

export function parseAssignment(
  spec: KeywordSpec,
  tokens: readonly Token[],
  context: ValueContext,
): AssignmentResult {
  const key = tokens[0] as Token;
  const equals = tokens[1];
  const failWith = (code: Parameters<typeof diagnostic>[0], at: Token, message: string) =>
    ({ ok: false, diagnostic: diagnostic(code, at, spec.keyword, message) }) as const;
  if (equals === undefined) {
    return failWith(
      'missing-arguments',
      key,
      `missing arguments: expected "${spec.keyword} = value"`,
    );
  }
  if (equals.text !== '=' || equals.quote !== undefined) {
    return failWith(
      'equal-expected',
      equals,
      `equal (=) expected after ${spec.keyword}, got "${equals.text}"`,
    );
  }
  const values = tokens.slice(2);
  const first = values[0];
  if (first === undefined) {
    return failWith(
      'missing-arguments',
      equals,
      `missing arguments: expected ${describeType(spec.type)}`,
    );
  }
  const count = valueCount(spec.type);
  if (count === 'list') return parseList(spec, values, failWith);
  if (values.length < count) {
    return failWith(
      'missing-arguments',
      first,
      `missing arguments: expected ${describeType(spec.type)}`,
    );
  }
  const extra = values[count];
  if (extra !== undefined)
    return failWith('unexpected-arguments', extra, extraMessage(extra, spec.type));
  const result = parseValue(spec.type, values, context);
  if (!result.ok) return failWith(result.code, first, result.message);
  return { ok: true, value: result.value, at: first };
}

function parseList(
  spec: KeywordSpec,
  values: readonly Token[],
  failWith: (code: 'list-expected', at: Token, message: string) => AssignmentResult,
): AssignmentResult {
  const first = values[0] as Token;
  const last = values[values.length - 1] as Token;
  if (values.length < 2 || first.text !== '[' || last.text !== ']') {
    return failWith('list-expected', first, `list expected: write ${spec.keyword} = [ item item ]`);
  }
  return { ok: true, value: values.slice(1, -1).map((t) => t.text), at: first };
}

function extraMessage(extra: Token, type: ValueType): string {
  if (extra.text.startsWith('#')) {
    return 'unexpected arguments: comments must be on a line of their own';
  }
  if (type.kind === 'string') {
    return `unexpected arguments from "${extra.text}": quote a value that contains blanks`;
  }
  return `unexpected arguments: "${extra.text}"`;
}

function parseValue(
  type: ValueType,
  values: readonly Token[],
  context: ValueContext,
): ValueResult<KeywordValue> {
  const text = (values[0] as Token).text;
  switch (type.kind) {
    case 'integer':
      return parseInteger(text, type.min, type.max);
    case 'seconds':
      return parseSeconds(text, type.min, type.max);
    case 'boolean':
      return parseBoolean(text);
    case 'port':
      return parsePort(text, type.names ? context.lookupService : undefined);
    case 'host':
      return parseHost(text, type.notZero);
    case 'ipv4':
      return isIPv4(text)
        ? ok(text)
        : fail('invalid-host', `expected an IPv4 address, got "${text}"`);
    case 'netmask':
      return parseNetmask(text);
    case 'enum':
      return parseEnum(text, type.values);
    case 'word':
    case 'string':
      return ok(text);
    case 'address-device':
      return parseAddressDevice(text, (values[1] as Token).text);
    case 'list':
      return fail('list-expected', 'list expected');
  }
}

/** Interface names are at most 15 bytes (IFNAMSIZ); `eth0:1` style alias labels included. */
const DEVICE = /^[A-Za-z0-9_.-]+(:[A-Za-z0-9_]+)?$/;

function parseAddressDevice(address: string, device: string): ValueResult<KeywordValue> {
  const host = parseHost(address, false);
  if (!host.ok) return host;
  if (!DEVICE.test(device) || device.length > 15) {
    return fail('invalid-argument', `expected a network device such as eth0:1, got "${device}"`);
  }
  return ok({ address, device });
}

export function describeType(type: ValueType): string {
  switch (type.kind) {
    case 'integer':
      return type.min === 0 ? 'a non-negative integer' : `an integer of at least ${type.min}`;
    case 'seconds':
      return 'a number of seconds';
    case 'boolean':
      return '0 or 1';
    case 'port':
      return type.names ? 'a port number or service name' : 'a port number';
    case 'host':
      return 'an IPv4 address or host name';
    case 'ipv4':
      return 'an IPv4 address';
    case 'netmask':
      return 'a dotted-quad netmask';
    case 'enum':
      return `one of ${type.values.join(', ')}`;
    case 'word':
      return 'a word';
    case 'string':
      return 'a string (quote it when it contains blanks)';
    case 'address-device':
      return 'an address and a device, e.g. 192.0.2.10 eth0:1';
    case 'list':
      return 'a list, e.g. [ a b ]';
  }
}
