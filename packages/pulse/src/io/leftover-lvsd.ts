// An lvsd whose pulse was killed keeps running: it holds lvsd's socket, so the lvsd a new
// pulse starts could not open it and would exit at once (CHILDFAIL), and its services stay in
// the table. pulse stops such an lvsd at start-up, as it takes down a killed pulse's addresses.
import { setTimeout as sleep } from 'node:timers/promises';
import { askLvsd } from './lvsd.js';

const ASK_TIMEOUT_MS = 5_000;
const POLL_MS = 100;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/** The pid of an lvsd answering on this router's lvsd socket, if one does. */
async function runningLvsd(): Promise<number | undefined> {
  const answer = await askLvsd({ v: 1, type: 'status-request' }, ASK_TIMEOUT_MS, 0);
  return answer.ok && answer.value.type === 'lvsd-status' ? answer.value.pid : undefined;
}

/** SIGTERM (lvsd removes its services), SIGKILL if it is still there after `stopTimeoutMs`. */
export async function stopLeftoverLvsd(
  stopTimeoutMs: number,
  log: (message: string) => void,
): Promise<void> {
  const pid = await runningLvsd();
  if (pid === undefined || pid === process.pid) return;
  log(`lvsd (pid ${pid}) was left running by an earlier pulse; stopping it`);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await gone(pid, stopTimeoutMs)) return;
  log(`lvsd (pid ${pid}) did not exit within ${stopTimeoutMs / 1000} s of SIGTERM; killing it`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await gone(pid, stopTimeoutMs);
}
