// lvsd as pulse's child (reference 4.10.1-2, 4.7 CHILDFAIL): started on activation, stopped
// with SIGTERM on deactivation, and an exit nobody asked for is reported back to the loop.
// With --warm-standby lvsd runs on both routers from the start (`lvsd --standby`: monitors on,
// table programmed); activation and deactivation are then words on lvsd's socket, so a takeover
// finds the table programmed with health already known.
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { nextRestart, requestSocket, socketPath, type RestartHistory } from '@piranha-ts/daemon';
import type { ChildStatus } from '@piranha-ts/heartbeat';
import {
  decodeFromLvsdStatus,
  type FromLvsdStatus,
  type LvsdControl,
  type LvsdStatusRequest,
} from '@piranha-ts/protocol';
import { lvsdReady } from '../readiness.js';
import type { Command } from '../argv.js';
import { signalNumber } from './signals.js';

/**
 * The original waits for lvsd forever. The VIPs go down without waiting for it, so this bound
 * only ends a hung lvsd; it is long because a killed lvsd leaves its services in the table.
 */
export const LVSD_STOP_TIMEOUT_MS = 30_000;
/** lvsd may still be starting when pulse activates: keep trying its socket this long. */
const CONTROL_RETRY_MS = 60_000;
/** lvsd answers a word once its queue of table work before it is done. */
const CONTROL_ANSWER_MS = 60_000;
/** Readiness is polled: lvsd may still be starting, and its status has no push. */
const READY_POLL_MS = 500;
const READY_ASK_MS = 5_000;

/** One request on this router's lvsd socket, answered with lvsd's status or an error. */
export function askLvsd(
  message: LvsdControl | LvsdStatusRequest,
  timeoutMs: number,
  retryForMs: number,
) {
  return requestSocket<FromLvsdStatus, LvsdControl | LvsdStatusRequest>(
    { path: socketPath('lvsd.sock'), decode: decodeFromLvsdStatus, timeoutMs, retryForMs },
    message,
  );
}

interface Running {
  readonly pid: number;
  readonly done: Promise<ChildStatus>;
  readonly child: ResultPromise;
  readonly startedAt: number;
  stopping: boolean;
  /** Started with --standby and not activated since. */
  standby: boolean;
  /** The last activate or standby word, answered or not yet. */
  told: Promise<void>;
}

function statusOf(result: { exitCode?: number; signal?: string }): ChildStatus {
  if (result.signal !== undefined) return { kind: 'signaled', signal: signalNumber(result.signal) };
  return { kind: 'exited', code: result.exitCode ?? 0 };
}

export interface LvsdChildOptions {
  /** Run lvsd in standby while inactive (--warm-standby). */
  readonly warm: boolean;
  readonly onUnexpectedExit: (pid: number, status: ChildStatus) => void;
  readonly onError: (message: string) => void;
}

export class LvsdChild {
  private running: Running | undefined;
  /** A standby lvsd that dies is started again after the shared restart backoff. */
  private restarts: RestartHistory = { quickDeaths: 0 };
  private restartTimer: NodeJS.Timeout | undefined;
  private shuttingDown = false;
  /** What the loop last asked for: a deferred start must not outlive a later stop. */
  private wanted = false;

  constructor(
    private readonly command: Command,
    private readonly options: LvsdChildOptions,
  ) {}

  get pid(): number | undefined {
    return this.running?.pid;
  }

  /** A warm lvsd standing by, which `start` tells to activate instead of starting one. */
  get standingBy(): boolean {
    return this.running?.standby === true && !this.running.stopping;
  }

  /** With --warm-standby: lvsd in standby from pulse's start. */
  prepare(): void {
    if (this.options.warm && this.running === undefined && !this.shuttingDown) this.spawn(true);
  }

  /** Activation: a standby lvsd is told to take the table; otherwise lvsd is started. */
  start(): void {
    this.wanted = true;
    const running = this.running;
    if (running === undefined) {
      this.spawn(false);
      return;
    }
    if (running.stopping) {
      // Still on its way out from a deactivation: start the new one when it has gone.
      void running.done.then(() => {
        if (this.wanted && this.running === undefined && !this.shuttingDown) this.spawn(false);
      });
      return;
    }
    if (!running.standby) return;
    running.standby = false;
    running.told = this.tell(running, 'activate');
  }

  /**
   * Resolves true once the lvsd started (or activated) last is ready to serve (lvsdReady),
   * false if it goes, is no longer wanted, or `withinMs` passes first.
   */
  async whenReady(withinMs: number): Promise<boolean> {
    const running = this.running;
    if (running === undefined) return false;
    const deadline = Date.now() + withinMs;
    const current = () => this.wanted && this.running === running && !running.stopping;
    await running.told;
    while (current() && Date.now() < deadline) {
      const answer = await askLvsd({ v: 1, type: 'status-request' }, READY_ASK_MS, 0);
      if (answer.ok && answer.value.type === 'lvsd-status' && lvsdReady(answer.value)) {
        return current();
      }
      await sleep(READY_POLL_MS);
    }
    return false;
  }

  /** Deactivation: a warm lvsd goes back to standby; otherwise SIGTERM as the original. */
  async stop(): Promise<void> {
    this.wanted = false;
    const running = this.running;
    if (running === undefined) return;
    if (this.options.warm && !this.shuttingDown) {
      if (running.standby) return;
      running.standby = true;
      running.told = this.tell(running, 'standby');
      await running.told;
      return;
    }
    await this.terminate(running);
  }

  /** pulse is exiting: lvsd goes too, whatever its mode. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    clearTimeout(this.restartTimer);
    if (this.running !== undefined) await this.terminate(this.running);
  }

  signal(signal: NodeJS.Signals): void {
    this.running?.child.kill(signal);
  }

  private spawn(standby: boolean): void {
    const args = standby ? [...this.command.args, '--standby'] : this.command.args;
    const child = execa(this.command.file, args, {
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
        this.options.onError(`failed to start ${this.command.file}: ${r.shortMessage}`);
        this.options.onUnexpectedExit(0, { kind: 'exited', code: 127 });
      });
      return;
    }
    const running: Running = {
      pid,
      child,
      startedAt: Date.now(),
      stopping: false,
      standby,
      done: child.then(statusOf),
      told: Promise.resolve(),
    };
    this.running = running;
    void running.done.then((status) => this.exited(running, status));
  }

  private exited(running: Running, status: ChildStatus): void {
    if (this.running === running) this.running = undefined;
    if (running.stopping) return;
    // A standby lvsd serves nobody yet: start it again rather than fail this router.
    if (running.standby && !this.shuttingDown) {
      const next = nextRestart(this.restarts, Date.now() - running.startedAt);
      this.restarts = next.history;
      this.options.onError(
        `standby lvsd (pid ${running.pid}) exited; starting it again in ${next.delayMs / 1000} s`,
      );
      this.restartTimer = setTimeout(() => this.prepare(), next.delayMs);
      return;
    }
    this.options.onUnexpectedExit(running.pid, status);
  }

  private async tell(running: Running, word: LvsdControl['type']): Promise<void> {
    const answer = await askLvsd({ v: 1, type: word }, CONTROL_ANSWER_MS, CONTROL_RETRY_MS);
    if (answer.ok && answer.value.type === 'lvsd-status') return;
    const why = !answer.ok
      ? answer.error.message
      : answer.value.type === 'error'
        ? answer.value.message
        : 'unexpected answer';
    // An lvsd that cannot be told is of no use: end it, and the loop sees a dead child.
    this.options.onError(`lvsd did not take "${word}": ${why}`);
    running.child.kill('SIGKILL');
  }

  /** SIGTERM, then SIGKILL if lvsd has not exited after LVSD_STOP_TIMEOUT_MS. */
  private async terminate(running: Running): Promise<void> {
    running.stopping = true;
    running.child.kill('SIGTERM');
    const kill = () => {
      this.options.onError(
        `lvsd (pid ${running.pid}) did not exit within ${LVSD_STOP_TIMEOUT_MS / 1000} s of SIGTERM; killing it (its IPVS services may remain)`,
      );
      running.child.kill('SIGKILL');
    };
    const timer = setTimeout(kill, LVSD_STOP_TIMEOUT_MS);
    await running.done;
    clearTimeout(timer);
  }
}
