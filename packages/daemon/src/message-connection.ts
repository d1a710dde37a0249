// One Unix stream socket carrying newline-delimited JSON messages, shared by the server's
// connections and the client: line decoding, typed decode with the caller's decoder, send and
// close. An over-long line closes the connection, since the peer has lost the framing.
import type { Socket } from 'node:net';
import {
  createLineDecoder,
  decodeLine,
  encodeLine,
  type DecodeError,
  type Decoder,
} from '@piranha-ts/protocol';

export interface MessageConnection<Out> {
  /** Queues one message; false when the connection is already closed. */
  send(message: Out): boolean;
  /** Ends the connection after what was sent has been written. */
  close(): void;
  readonly closed: boolean;
  /** Peer credentials are not available in Node; this tells connections apart in logs. */
  readonly label: string;
}

export interface MessageHandlers<In> {
  readonly onMessage: (message: In) => void;
  /** A line that did not decode; the connection stays open unless the framing was lost. */
  readonly onDecodeError?: (error: DecodeError) => void;
  readonly onClose?: () => void;
}

export interface ConnectionOptions<In> {
  readonly decode: Decoder<In>;
  readonly maxLineLength?: number;
}

let connectionCount = 0;

export function wrapSocket<In, Out>(
  socket: Socket,
  options: ConnectionOptions<In>,
  handlers: MessageHandlers<In>,
): MessageConnection<Out> {
  const lines = createLineDecoder(options.maxLineLength);
  let closed = false;
  connectionCount += 1;
  const label = `connection ${connectionCount}`;

  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    for (const event of lines.push(chunk)) {
      if (closed) return;
      if (event.kind === 'line-too-long') {
        const message = `line longer than ${event.limit} characters`;
        handlers.onDecodeError?.({ code: 'line-too-long', field: '', message });
        socket.destroy();
        return;
      }
      const decoded = decodeLine(event.line, options.decode);
      if (decoded.ok) handlers.onMessage(decoded.value);
      else handlers.onDecodeError?.(decoded.error);
    }
  });
  // A peer that vanished mid-write gives EPIPE/ECONNRESET; 'close' follows and says enough.
  socket.on('error', () => {});
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    handlers.onClose?.();
  });

  return {
    send(message) {
      if (closed || socket.destroyed || !socket.writable) return false;
      socket.write(encodeLine(message as object));
      return true;
    },
    close() {
      if (!socket.destroyed) socket.end();
    },
    get closed() {
      return closed;
    },
    label,
  };
}
