// The status socket: `$PIRANHA_RUNDIR/pulse.sock` (default /var/run/piranha/pulse.sock)
// answers every `status` request with the current state.
import {
  listenSocket,
  requestSocket,
  socketPath,
  type SocketResult,
  type SocketServer,
} from '@piranha-ts/daemon';
import {
  decodeFromPulse,
  decodeToPulse,
  type FromPulse,
  type PulseStatus,
  type ToPulse,
} from '@piranha-ts/protocol';

export const pulseSocketPath = (): string => socketPath('pulse.sock');

export function serveStatus(
  path: string,
  status: () => PulseStatus | undefined,
): Promise<SocketResult<SocketServer>> {
  return listenSocket<ToPulse, FromPulse>({
    path,
    decode: decodeToPulse,
    onConnection: (connection) => ({
      onMessage: () => {
        const now = status();
        connection.send(now ?? { v: 1, type: 'error', message: 'pulse is starting' });
      },
      onDecodeError: (error) => connection.send({ v: 1, type: 'error', message: error.message }),
    }),
  });
}

/** One status request, as `pulse --status` makes it. */
export function queryStatus(path: string): Promise<SocketResult<FromPulse>> {
  return requestSocket<FromPulse, ToPulse>(
    { path, decode: decodeFromPulse, timeoutMs: 5_000 },
    { v: 1, type: 'status' },
  );
}
