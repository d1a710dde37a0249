// lvsd as pulse's child (reference 4.10.1-2, 4.7 CHILDFAIL): started on activation, stopped
// with SIGTERM on deactivation, and an exit nobody asked for is reported back to the loop.
import { execa, type ResultPromise } from 'execa';
import type { ChildStatus } from '@piranha-ts/heartbeat';
import type { Command } from '../argv.js';
import { signalNumber } from './signals.js';

/** The original waits for lvsd forever; a hung lvsd must not keep its VIPs up for good. */
export const LVSD_STOP_TIMEOUT_MS = 10_000;

interface Running {
  readonly pid: number;
  readonly done: Promise<ChildStatus>;
  readonly child: ResultPromise;
  stopping: boolean;
}

function statusOf(result: { exitCode?: number; signal?: string }): ChildStatus {
  if (result.signal !== undefined) return { kind: 'signaled', signal: signalNumber(result.signal) };
  return { kind: 'exited', code: result.exitCode ?? 0 };
}

export class LvsdChild {
  private running: Running | undefined;

  constructor(
    private readonly command: Command,
    private readonly onUnexpectedExit: (pid: number, status: ChildStatus) => void,
    private readonly onError: (message: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.running?.pid;
  }

  start(): void {
    if (this.running !== undefined) return;
    const child = execa(this.command.file, this.command.args, {
      reject: false,
      stdin: 'ignore',
      stdout: 'inherit',
      stderr: 'inherit',
      cleanup: false,
    });
    const pid = child.pid;
    if (pid === undefined) {
      // As when the original's forked child failed to exec: lvsd is gone, CHILDFAIL follows.
      void child.then((r) => {
        this.onError(`failed to start ${this.command.file}: ${r.shortMessage}`);
        this.onUnexpectedExit(0, { kind: 'exited', code: 127 });
      });
      return;
    }
    const running: Running = { pid, child, stopping: false, done: child.then(statusOf) };
    this.running = running;
    void running.done.then((status) => {
      if (this.running === running) this.running = undefined;
      if (!running.stopping) this.onUnexpectedExit(pid, status);
    });
  }

  /** SIGTERM, then SIGKILL if lvsd has not exited after LVSD_STOP_TIMEOUT_MS. */
  async stop(): Promise<void> {
    const running = this.running;
    if (running === undefined) return;
    running.stopping = true;
    running.child.kill('SIGTERM');
    const timer = setTimeout(() => running.child.kill('SIGKILL'), LVSD_STOP_TIMEOUT_MS);
    await running.done;
    clearTimeout(timer);
  }

  signal(signal: NodeJS.Signals): void {
    this.running?.child.kill(signal);
  }
}
