// The client side of our Unix sockets: connect with retry until a deadline (the server may
// still be starting, as when lvsd starts nanny right after opening its socket), then messages
// both ways; and a one-shot request for status queries.
import { createConnection, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  wrapSocket,
  type ConnectionOptions,
  type MessageConnection,
  type MessageHandlers,
} from './message-connection.js';
import type { SocketResult } from './socket-server.js';

export interface SocketClientOptions<In> extends ConnectionOptions<In> {
  readonly path: string;
  /** Give up after this many milliseconds of failed attempts (0: one attempt). */
  readonly retryForMs?: number;
  readonly handlers: MessageHandlers<In>;
}

const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 1_000;

type Attempt =
  | { readonly ok: true; readonly socket: Socket }
  | { readonly ok: false; readonly why: string; readonly absent: boolean };

// A missing socket file or a refused connection means no daemon; anything else is a failure.
const ABSENT = new Set(['ENOENT', 'ECONNREFUSED']);

function connectOnce(path: string): Promise<Attempt> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    const onError = (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, why: error.message, absent: ABSENT.has(error.code ?? '') });
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve({ ok: true, socket });
    });
  });
}

export async function connectSocket<In, Out>(
  options: SocketClientOptions<In>,
): Promise<SocketResult<MessageConnection<Out>>> {
  const deadline = Date.now() + (options.retryForMs ?? 0);
  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    const attempt = await connectOnce(options.path);
    if (attempt.ok) {
      return { ok: true, value: wrapSocket<In, Out>(attempt.socket, options, options.handlers) };
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const message = `${options.path}: ${attempt.why}`;
      const code = attempt.absent ? 'not-running' : 'connect-failed';
      return { ok: false, error: { code, message } };
    }
    await sleep(Math.min(backoff, left));
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

export interface RequestOptions<In> extends ConnectionOptions<In> {
  readonly path: string;
  readonly timeoutMs: number;
  readonly retryForMs?: number;
}

/** Sends one message and resolves with the first reply that decodes, or an error. */
export async function requestSocket<In, Out>(
  options: RequestOptions<In>,
  message: Out,
): Promise<SocketResult<In>> {
  let settle: (result: SocketResult<In>) => void = () => {};
  const reply = new Promise<SocketResult<In>>((resolve) => (settle = resolve));
  const lost = (text: string): SocketResult<In> => ({
    ok: false,
    error: { code: 'connect-failed', message: `${options.path}: ${text}` },
  });
  const connected = await connectSocket<In, Out>({
    ...options,
    handlers: {
      onMessage: (m) => settle({ ok: true, value: m }),
      onDecodeError: (e) => settle(lost(e.message)),
      onClose: () => settle(lost('closed before replying')),
    },
  });
  if (!connected.ok) return connected;
  const timer = setTimeout(() => settle(lost('no reply in time')), options.timeoutMs);
  connected.value.send(message);
  const result = await reply;
  clearTimeout(timer);
  connected.value.close();
  return result;
}
