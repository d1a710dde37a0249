// Decoding untrusted JSON into typed messages. Every failure is a value naming the field it
// concerns (`monitors[2].argv[0]`), never an exception: a peer's bad line is its problem, not
// a crash of ours.
import { PROTOCOL_VERSION } from './version.js';

export type DecodeErrorCode =
  | 'bad-json'
  | 'line-too-long'
  | 'bad-version'
  | 'unknown-type'
  | 'missing-field'
  | 'wrong-type'
  | 'bad-value';

export interface DecodeError {
  readonly code: DecodeErrorCode;
  /** Path of the offending field; '' for the message as a whole. */
  readonly field: string;
  readonly message: string;
}

export type Decoded<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DecodeError };

/** Decodes a value found at `path`. */
export type Field<T> = (value: unknown, path: string) => Decoded<T>;

/** A whole-message decoder, as the socket layer takes it. */
export type Decoder<T> = (value: unknown) => Decoded<T>;

export function ok<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

export function fail(code: DecodeErrorCode, field: string, message: string): Decoded<never> {
  return { ok: false, error: { code, field, message } };
}

function wrongType(path: string, expected: string, value: unknown): Decoded<never> {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return fail('wrong-type', path, `${path || 'message'}: expected ${expected}, got ${got}`);
}

export const string: Field<string> = (value, path) =>
  typeof value === 'string' ? ok(value) : wrongType(path, 'a string', value);

/** Finite numbers only; JSON cannot carry NaN, but a huge exponent parses as Infinity. */
export const number: Field<number> = (value, path) =>
  typeof value === 'number' && Number.isFinite(value)
    ? ok(value)
    : wrongType(path, 'a finite number', value);

export const boolean: Field<boolean> = (value, path) =>
  typeof value === 'boolean' ? ok(value) : wrongType(path, 'true or false', value);

export const integer: Field<number> = (value, path) =>
  typeof value === 'number' && Number.isSafeInteger(value)
    ? ok(value)
    : wrongType(path, 'an integer', value);

export function oneOf<const T extends readonly string[]>(...allowed: T): Field<T[number]> {
  return (value, path) => {
    if (typeof value !== 'string') return wrongType(path, 'a string', value);
    const found = allowed.find((a) => a === value);
    if (found !== undefined) return ok(found);
    return fail('bad-value', path, `${path}: expected one of ${allowed.join(', ')}`);
  };
}

export function nullable<T>(field: Field<T>): Field<T | null> {
  return (value, path) => (value === null ? ok(null) : field(value, path));
}

export function arrayOf<T>(item: Field<T>): Field<readonly T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return wrongType(path, 'an array', value);
    const items: T[] = [];
    for (const [index, element] of (value as readonly unknown[]).entries()) {
      const decoded = item(element, `${path}[${index}]`);
      if (!decoded.ok) return decoded;
      items.push(decoded.value);
    }
    return ok(items);
  };
}

type Shape = Readonly<Record<string, Field<unknown>>>;
type Shaped<S extends Shape> = { readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never };

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with exactly the named fields kept; unknown extra fields are ignored. */
export function object<S extends Shape>(shape: S): Field<Shaped<S>> {
  return (value, path) => {
    if (!isRecord(value)) return wrongType(path, 'an object', value);
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (!Object.hasOwn(value, key)) return fail('missing-field', at, `${at}: missing`);
      const decoded = field(value[key], at);
      if (!decoded.ok) return decoded;
      out[key] = decoded.value;
    }
    return ok(out as Shaped<S>);
  };
}

type Bodies = Readonly<Record<string, Field<object>>>;
type Tagged<B extends Bodies> = {
  readonly [K in keyof B & string]: { readonly v: 1; readonly type: K } & (B[K] extends Field<
    infer T
  >
    ? T
    : never);
}[keyof B & string];

/** A message union keyed by `type`, each member carrying `v: 1`. */
export function messageUnion<B extends Bodies>(bodies: B): Decoder<Tagged<B>> {
  return (value) => {
    if (!isRecord(value)) return wrongType('', 'an object', value);
    if (!Object.hasOwn(value, 'v')) return fail('missing-field', 'v', 'v: missing');
    if (value['v'] !== PROTOCOL_VERSION) {
      return fail('bad-version', 'v', `v: unsupported version ${JSON.stringify(value['v'])}`);
    }
    const type = object({ type: string })(value, '');
    if (!type.ok) return type;
    const name = type.value.type;
    const body = Object.hasOwn(bodies, name) ? bodies[name] : undefined;
    if (body === undefined) return fail('unknown-type', 'type', `type: unknown type "${name}"`);
    const decoded = body(value, '');
    if (!decoded.ok) return decoded;
    return ok({ v: PROTOCOL_VERSION, type: name, ...decoded.value } as Tagged<B>);
  };
}

/** JSON.parse without the exception. */
export function parseJson(line: string): Decoded<unknown> {
  try {
    return ok(JSON.parse(line) as unknown);
  } catch (error) {
    return fail('bad-json', '', `not JSON: ${(error as Error).message}`);
  }
}

/** One framed line through a message decoder. */
export function decodeLine<T>(line: string, decoder: Decoder<T>): Decoded<T> {
  const parsed = parseJson(line);
  return parsed.ok ? decoder(parsed.value) : parsed;
}
