// HMAC-SHA256 from node:crypto and two keys for the signed-heartbeat tests.
import { createHmac } from 'node:crypto';
import type { HeartbeatKey } from '@piranha-ts/heartbeat';

export const hmacSha256 = (key: Uint8Array, data: Uint8Array): Uint8Array =>
  new Uint8Array(createHmac('sha256', key).update(data).digest());

export const KEY: HeartbeatKey = { key: new TextEncoder().encode('s3cret'), mac: hmacSha256 };
export const OTHER_KEY: HeartbeatKey = { key: new TextEncoder().encode('other'), mac: hmacSha256 };
