// Asks pulse and lvsd for their status over their sockets, both at once, once each: a
// daemon that is slow to answer costs the timeout, not a retry loop.
import { requestSocket } from '@piranha-ts/daemon';
import {
  decodeFromLvsdStatus,
  decodeFromPulse,
  type FromLvsdStatus,
  type FromPulse,
  type LvsdStatus,
  type PulseStatus,
  type ToLvsd,
  type ToPulse,
} from '@piranha-ts/protocol';
import { answerOf, type DaemonAnswer, type StatusAnswers } from '../answers.js';
import type { Sockets } from '../cli.js';

async function askPulse(sockets: Sockets): Promise<DaemonAnswer<PulseStatus>> {
  const result = await requestSocket<FromPulse, ToPulse>(
    { path: sockets.pulse, decode: decodeFromPulse, timeoutMs: sockets.timeoutMs },
    { v: 1, type: 'status' },
  );
  return answerOf<PulseStatus>(result);
}

async function askLvsd(sockets: Sockets): Promise<DaemonAnswer<LvsdStatus>> {
  const result = await requestSocket<FromLvsdStatus, ToLvsd>(
    { path: sockets.lvsd, decode: decodeFromLvsdStatus, timeoutMs: sockets.timeoutMs },
    { v: 1, type: 'status-request' },
  );
  return answerOf<LvsdStatus>(result);
}

export async function queryDaemons(sockets: Sockets): Promise<StatusAnswers> {
  const [pulse, lvsd] = await Promise.all([askPulse(sockets), askLvsd(sockets)]);
  return { pulse, lvsd };
}
