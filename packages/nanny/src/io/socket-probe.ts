// TCP and UDP checks (section 6.3): connect, send, then feed the reply to checks' judgeReply
// until it decides, all under one deadline. The socket is destroyed when the check ends, on
// the deadline or on cancel, so a probe never outlives its check. Callbacks rather than
// promises and abort signals: a group runs a thousand of these a second.
import { createConnection } from 'node:net';
import { createSocket } from 'node:dgram';
import {
  MAX_REPLY_BYTES,
  PASSED,
  failed,
  judgeReply,
  type CheckOutcome,
  type SocketCheck,
} from '@piranha-ts/checks';
import { systemError } from './errno.js';

export type Done = (outcome: CheckOutcome) => void;
/** Stops a probe in flight: its socket is released and its `done` is never called. */
export type Cancel = () => void;

interface ProbeHooks {
  readonly onDeadline: () => CheckOutcome;
  readonly cleanup: () => void;
}

/** Runs `body` with a finish function that acts once: clears the deadline, cleans up, calls `done`. */
function guarded(timeoutMs: number, done: Done, body: (finish: Done) => ProbeHooks): Cancel {
  let live = true;
  const end = (): boolean => {
    if (!live) return false;
    live = false;
    clearTimeout(timer);
    hooks.cleanup();
    return true;
  };
  const finish: Done = (outcome) => {
    if (end()) done(outcome);
  };
  // body only starts I/O: nothing finishes before the deadline is set.
  const hooks = body(finish);
  const timer = setTimeout(() => finish(hooks.onDeadline()), timeoutMs);
  return end;
}

/** The reply so far, capped at what the verdict reads; a first chunk is kept as it is. */
function append(received: Uint8Array, chunk: Uint8Array): Uint8Array {
  const room = MAX_REPLY_BYTES - received.length;
  if (room <= 0) return received;
  if (received.length === 0) return chunk.subarray(0, room);
  const joined = new Uint8Array(received.length + Math.min(room, chunk.length));
  joined.set(received);
  joined.set(chunk.subarray(0, room), received.length);
  return joined;
}

export function runTcpCheck(spec: SocketCheck, timeoutMs: number, done: Done): Cancel {
  return guarded(timeoutMs, done, (finish) => {
    const { address, port } = spec.target;
    const socket = createConnection({ host: address, port });
    let connected = false;
    let received: Uint8Array = new Uint8Array(0);
    const judge = (end: 'open' | 'closed'): void => {
      const verdict = judgeReply(spec.reply, received, end);
      if (verdict.kind === 'done') finish(verdict.outcome);
    };
    socket.once('connect', () => {
      connected = true;
      if (spec.send === undefined) return judge('open');
      socket.write(spec.send, (error) => {
        if (error) return finish(failed({ reason: 'write-error', error: systemError(error).text }));
        judge('open');
      });
    });
    socket.on('data', (chunk: Buffer) => {
      received = append(received, chunk);
      judge('open');
    });
    socket.on('end', () => judge('closed'));
    socket.on('error', (error) => {
      const { errno, text } = systemError(error);
      if (!connected) return finish(failed({ reason: 'connect-error', error: text }));
      finish(failed({ reason: 'read-error', errno, error: text }));
    });
    return {
      onDeadline: () => {
        if (!connected) return failed({ reason: 'connect-timeout' });
        if (received.length === 0) return failed({ reason: 'read-timeout' });
        const verdict = judgeReply(spec.reply, received, 'closed');
        return verdict.kind === 'done' ? verdict.outcome : failed({ reason: 'read-timeout' });
      },
      cleanup: () => socket.destroy(),
    };
  });
}

/**
 * A connected UDP socket, so that an ICMP port unreachable comes back as ECONNREFUSED and
 * fails the check (the original's read error) instead of waiting for the deadline.
 */
export function runUdpCheck(spec: SocketCheck, timeoutMs: number, done: Done): Cancel {
  return guarded(timeoutMs, done, (finish) => {
    const { address, port } = spec.target;
    const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
    socket.on('message', (message: Buffer) => {
      const verdict = judgeReply(spec.reply, message.subarray(0, MAX_REPLY_BYTES), 'datagram');
      finish(verdict.kind === 'done' ? verdict.outcome : PASSED);
    });
    socket.on('error', (error) => {
      const { errno, text } = systemError(error);
      finish(failed({ reason: 'read-error', errno, error: text }));
    });
    socket.connect(port, address, () => {
      if (spec.send === undefined) return;
      socket.send(spec.send, (error) => {
        if (error) finish(failed({ reason: 'write-error', error: systemError(error).text }));
      });
    });
    return {
      onDeadline: () => failed({ reason: 'read-timeout' }),
      cleanup: () => {
        try {
          socket.close();
        } catch {
          // Already closed by an error: nothing left to release.
        }
      },
    };
  });
}
