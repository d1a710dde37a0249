// A Unix stream socket server speaking newline-delimited JSON messages (lvsd's nanny and status
// socket, pulse's status socket). The socket file is private to root (0600); a stale file left
// by a crash is replaced, a live one belonging to a running daemon is not.
import { chmod, lstat, mkdir, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import {
  wrapSocket,
  type ConnectionOptions,
  type MessageConnection,
  type MessageHandlers,
} from './message-connection.js';

export interface SocketServer {
  readonly path: string;
  /** Connections currently open. */
  connections(): number;
  /** Stops listening, closes every connection and removes the socket file. */
  close(): Promise<void>;
}

export interface SocketServerOptions<In, Out> extends ConnectionOptions<In> {
  readonly path: string;
  /** Called once per accepted connection; returns what to do with its messages. */
  readonly onConnection: (connection: MessageConnection<Out>) => MessageHandlers<In>;
}

/** `not-running`: nothing listens on the path (no socket file, or connection refused). */
export type SocketErrorCode =
  'in-use' | 'not-a-socket' | 'listen-failed' | 'connect-failed' | 'not-running';

export interface SocketError {
  readonly code: SocketErrorCode;
  readonly message: string;
}

export type SocketResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SocketError };

function failure(code: SocketErrorCode, message: string): SocketResult<never> {
  return { ok: false, error: { code, message } };
}

/** True when something accepts connections on the path. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

async function clearStale(path: string): Promise<SocketResult<undefined>> {
  const found = await lstat(path).catch(() => undefined);
  if (found === undefined) return { ok: true, value: undefined };
  if (!found.isSocket()) return failure('not-a-socket', `${path} exists and is not a socket`);
  if (await answers(path)) return failure('in-use', `${path} is in use by another process`);
  await rm(path, { force: true });
  return { ok: true, value: undefined };
}

function listen(server: Server, path: string): Promise<Error | undefined> {
  return new Promise((resolve) => {
    server.once('error', resolve);
    server.listen(path, () => {
      server.off('error', resolve);
      resolve(undefined);
    });
  });
}

export async function listenSocket<In, Out>(
  options: SocketServerOptions<In, Out>,
): Promise<SocketResult<SocketServer>> {
  const { path } = options;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  } catch (error) {
    return failure('listen-failed', `${dirname(path)}: ${(error as Error).message}`);
  }
  const cleared = await clearStale(path);
  if (!cleared.ok) return cleared;

  const open = new Set<MessageConnection<Out>>();
  const server = createServer((socket) => {
    // The caller's handlers exist only once it has seen the connection.
    const caller: { handlers?: MessageHandlers<In> } = {};
    const connection = wrapSocket<In, Out>(socket, options, {
      onMessage: (m) => caller.handlers?.onMessage(m),
      onDecodeError: (e) => caller.handlers?.onDecodeError?.(e),
      onClose: () => {
        open.delete(connection);
        caller.handlers?.onClose?.();
      },
    });
    open.add(connection);
    caller.handlers = options.onConnection(connection);
  });
  const failed = await listen(server, path);
  if (failed !== undefined) return failure('listen-failed', `${path}: ${failed.message}`);
  await chmod(path, 0o600);

  return {
    ok: true,
    value: {
      path,
      connections: () => open.size,
      close: async () => {
        const closing = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const connection of open) connection.close();
        await rm(path, { force: true });
        await closing;
      },
    },
  };
}
