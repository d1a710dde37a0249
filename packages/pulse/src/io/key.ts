// The optional heartbeat key (`--heartbeat-key FILE`): both routers hold the same secret and
// sign every heartbeat with HMAC-SHA256; a router with a key refuses any other heartbeat.
import { createHmac } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { HeartbeatKey } from '@piranha-ts/heartbeat';

/** Shorter secrets are too easy to guess offline from one captured heartbeat. */
export const MIN_KEY_BYTES = 16;

export type KeyResult =
  | { readonly ok: true; readonly key: HeartbeatKey }
  | { readonly ok: false; readonly message: string };

const hmacSha256 = (key: Uint8Array, data: Uint8Array): Uint8Array =>
  createHmac('sha256', key).update(data).digest();

/** The file's bytes without one trailing newline; it must be private to its owner. */
export async function loadHeartbeatKey(file: string): Promise<KeyResult> {
  try {
    const info = await stat(file);
    if ((info.mode & 0o077) !== 0) {
      return {
        ok: false,
        message: `heartbeat key ${file} must not be readable by group or others`,
      };
    }
    let bytes: Uint8Array = await readFile(file);
    if (bytes.at(-1) === 0x0a) bytes = bytes.subarray(0, -1);
    if (bytes.length < MIN_KEY_BYTES) {
      return { ok: false, message: `heartbeat key ${file} is shorter than ${MIN_KEY_BYTES} bytes` };
    }
    return { ok: true, key: { key: bytes, mac: hmacSha256 } };
  } catch (error) {
    return {
      ok: false,
      message: `failed to read heartbeat key ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    };
  }
}
