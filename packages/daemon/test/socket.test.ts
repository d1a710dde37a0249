// The message socket over a real Unix socket on a temporary path.
import { execa } from 'execa';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeFromNanny,
  decodeToNanny,
  type DecodeError,
  type FromNanny,
  type ToNanny,
} from '@piranha-ts/protocol';
import {
  connectSocket,
  listenSocket,
  requestSocket,
  type MessageConnection,
  type SocketServer,
} from '../src/index.js';

let dir = '';
const servers: SocketServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'piranha-socket-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await rm(dir, { recursive: true, force: true });
});

interface Received {
  readonly messages: FromNanny[];
  readonly errors: DecodeError[];
  readonly connections: MessageConnection<ToNanny>[];
  closes: number;
}

async function lvsdSide(path: string): Promise<Received> {
  const seen: Received = { messages: [], errors: [], connections: [], closes: 0 };
  const listening = await listenSocket<FromNanny, ToNanny>({
    path,
    decode: decodeFromNanny,
    maxLineLength: 1000,
    onConnection: (connection) => {
      seen.connections.push(connection);
      return {
        onMessage: (m) => {
          seen.messages.push(m);
          if (m.type === 'hello') connection.send({ v: 1, type: 'assign', monitors: [] });
        },
        onDecodeError: (e) => seen.errors.push(e),
        onClose: () => (seen.closes += 1),
      };
    },
  });
  if (!listening.ok) throw new Error(listening.error.message);
  servers.push(listening.value);
  return seen;
}

/** What a crash leaves: a socket file nobody listens on. */
async function leaveStaleSocket(path: string): Promise<void> {
  const script = `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`;
  await execa('node', ['-e', script], { reject: false });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(condition()).toBe(true);
}

test('messages both ways, socket mode 0600, directory made 0755', async () => {
  const path = join(dir, 'run', 'piranha', 'lvsd.sock');
  const seen = await lvsdSide(path);
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  expect((await stat(join(dir, 'run', 'piranha'))).mode & 0o777).toBe(0o755);

  const assigns: ToNanny[] = [];
  const client = await connectSocket<ToNanny, FromNanny>({
    path,
    decode: decodeToNanny,
    handlers: { onMessage: (m) => assigns.push(m) },
  });
  if (!client.ok) throw new Error(client.error.message);
  client.value.send({ v: 1, type: 'hello', pid: 7, group: 'web' });
  await until(() => assigns.length === 1);
  expect(assigns[0]).toEqual({ v: 1, type: 'assign', monitors: [] });
  expect(seen.messages).toEqual([{ v: 1, type: 'hello', pid: 7, group: 'web' }]);
  expect(servers[0]?.connections()).toBe(1);

  client.value.close();
  await until(() => seen.closes === 1);
  expect(servers[0]?.connections()).toBe(0);
});

test('bad lines are reported and the connection stays; an over-long line closes it', async () => {
  const path = join(dir, 'lvsd.sock');
  const seen = await lvsdSide(path);
  const raw = createConnection(path);
  raw.write('{"v":1,"type":"hello","pid":"x","group":"g"}\nnot json\n');
  raw.write('{"v":1,"type":"error","id":null,"message":"m"}\n');
  await until(() => seen.messages.length === 1 && seen.errors.length === 2);
  expect(seen.errors.map((e) => [e.code, e.field])).toEqual([
    ['wrong-type', 'pid'],
    ['bad-json', ''],
  ]);
  raw.write('x'.repeat(1001));
  await until(() => seen.closes === 1);
  expect(seen.errors[2]?.code).toBe('line-too-long');
  raw.destroy();
});

test('a stale socket file is replaced, a live one is not, another file is kept', async () => {
  const path = join(dir, 'lvsd.sock');
  await lvsdSide(path);
  const second = await listenSocket({
    path,
    decode: decodeFromNanny,
    onConnection: () => ({ onMessage: () => {} }),
  });
  expect(second.ok ? 'listening' : second.error.code).toBe('in-use');

  await servers.pop()?.close();
  await leaveStaleSocket(path);
  expect((await stat(path)).isSocket()).toBe(true);
  const seen = await lvsdSide(path);
  const client = await connectSocket({
    path,
    decode: decodeToNanny,
    handlers: { onMessage: () => {} },
  });
  expect(client.ok).toBe(true);
  if (client.ok) client.value.close();
  await until(() => seen.closes === 1);

  await writeFile(join(dir, 'plain'), 'x');
  const plain = await listenSocket({
    path: join(dir, 'plain'),
    decode: decodeFromNanny,
    onConnection: () => ({ onMessage: () => {} }),
  });
  expect(plain.ok ? 'listening' : plain.error.code).toBe('not-a-socket');
});

test('the client retries until the server appears, and gives up at its deadline', async () => {
  const path = join(dir, 'late.sock');
  const failed = await connectSocket({
    path,
    decode: decodeToNanny,
    retryForMs: 100,
    handlers: { onMessage: () => {} },
  });
  expect(failed.ok ? 'connected' : failed.error.code).toBe('not-running');

  const connecting = connectSocket<ToNanny, FromNanny>({
    path,
    decode: decodeToNanny,
    retryForMs: 5_000,
    handlers: { onMessage: () => {} },
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  await lvsdSide(path);
  const connected = await connecting;
  expect(connected.ok).toBe(true);
  if (connected.ok) connected.value.close();
});

test('request: one message, the first reply', async () => {
  const path = join(dir, 'status.sock');
  await lvsdSide(path);
  const reply = await requestSocket<ToNanny, FromNanny>(
    { path, decode: decodeToNanny, timeoutMs: 2_000 },
    { v: 1, type: 'hello', pid: 1, group: 'g' },
  );
  expect(reply).toEqual({ ok: true, value: { v: 1, type: 'assign', monitors: [] } });
  const silent = await requestSocket<ToNanny, FromNanny>(
    { path, decode: decodeToNanny, timeoutMs: 200 },
    { v: 1, type: 'error', id: null, message: 'no reply to this' },
  );
  expect(silent.ok ? 'replied' : silent.error.message).toMatch(/no reply in time/);
});

test('request: no socket file, or one nobody listens on, is not-running', async () => {
  const path = join(dir, 'gone.sock');
  const request = () =>
    requestSocket<ToNanny, FromNanny>(
      { path, decode: decodeToNanny, timeoutMs: 500 },
      { v: 1, type: 'hello', pid: 1, group: 'g' },
    );
  const missing = await request();
  expect(missing.ok ? 'replied' : missing.error.code).toBe('not-running');
  await leaveStaleSocket(path);
  const refused = await request();
  expect(refused.ok ? 'replied' : refused.error.code).toBe('not-running');
});
