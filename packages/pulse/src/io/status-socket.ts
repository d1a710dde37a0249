// The status socket: `$PIRANHA_RUNDIR/pulse.sock` (default /var/run/piranha/pulse.sock)
// answers every `status` request with the current state.
import { join } from 'node:path';
import { listenSocket, type SocketResult, type SocketServer } from '@piranha-ts/daemon';
import {
  decodeToPulse,
  type FromPulse,
  type PulseStatus,
  type ToPulse,
} from '@piranha-ts/protocol';

export const DEFAULT_RUNDIR = '/var/run/piranha';

export function pulseSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['PIRANHA_RUNDIR'];
  return join(dir !== undefined && dir !== '' ? dir : DEFAULT_RUNDIR, 'pulse.sock');
}

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
