// The running lvsd: performs the effects of `step`, turns signals, the reconcile timer, nanny
// reports and nanny deaths into events. Table updates run one at a time; a burst of health
// reports costs one table update against the latest desired table, not one each.
import { dirname, join } from 'node:path';
import {
  describeLoadFailure,
  describeWarnings,
  loadLvsCf,
  type LoadResult,
} from '@piranha-ts/config/io';
import {
  continueInBackground,
  createLogger,
  removePidFile,
  socketPath,
  writePidFile,
  type Logger,
} from '@piranha-ts/daemon';
import type { IpvsTable } from '@piranha-ts/ipvs';
import type { LvsdOptions } from './cli.js';
import { NannySupervisor } from './nannies.js';
import {
  applyChange,
  reconcile,
  removeServices,
  runSimple,
  type ReconcileReport,
} from './reconcile.js';
import { lvsdStatus } from './status.js';
import {
  start,
  step,
  type HealthReport,
  type LoadedConfig,
  type LvsdEffect,
  type LvsdEvent,
  type LvsdState,
  type MonitorPolicy,
  type ReconcileReason,
} from './step.js';

type UsableConfig = Extract<LoadResult, { ok: true }>;

/** Which reason a queued reconcile takes when several wait: the one that looks hardest. */
const THOROUGHNESS: Readonly<Record<ReconcileReason, number>> = {
  health: 0,
  tick: 1,
  start: 2,
  reload: 2,
};

async function loadForReload(file: string): Promise<LoadedConfig> {
  const loaded = await loadLvsCf(file);
  if (!loaded.ok)
    return { ok: false, report: describeLoadFailure('lvsd', file, loaded).split('\n') };
  return {
    ok: true,
    config: loaded.config,
    source: loaded.source,
    warnings: describeWarnings(file, loaded.diagnostics),
  };
}

export async function runDaemon(
  options: LvsdOptions,
  loaded: UsableConfig,
  argv: readonly string[],
): Promise<number> {
  if (!options.nodaemon && !options.nofork) return continueInBackground(argv);
  const logger = createLogger({
    program: 'lvsd',
    foreground: options.nodaemon,
    verbose: options.verbose,
  });
  const policy: MonitorPolicy = {
    assumeUp: options.assumeUp,
    verbose: options.verbose,
    foreground: options.nodaemon,
    perProcess: options.monitorsPerNanny,
  };
  const started = start({
    file: options.configfile,
    config: loaded.config,
    source: loaded.source,
    clearTable: options.clearTable,
    policy,
    standby: options.standby,
  });
  if (!started.ok) {
    for (const line of started.errors) logger.error(line);
    return 1;
  }
  const loop = new DaemonLoop(options, logger, started.result.state);
  const openError = await loop.open();
  if (openError !== undefined) {
    logger.error(`cannot open the nanny socket: ${openError}`);
    return 1;
  }
  const pidError = await writePidFile(options.pidfile, process.pid);
  if (pidError !== undefined) logger.error(pidError);
  return loop.run(started.result.effects);
}

class DaemonLoop {
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private tickPending = false;
  private reconcileQueued: ReconcileReason | undefined;
  private pendingHealth: HealthReport[] = [];
  private lastReconcile: { readonly atMs: number; readonly inSync: boolean } | undefined;
  /** The desired table the kernel was last seen or made to hold; undefined when unsure. */
  private applied: IpvsTable | undefined;
  private finish: (code: number) => void = () => {};
  private readonly handlers: [NodeJS.Signals, () => void][];
  private readonly nannies: NannySupervisor;

  constructor(
    private readonly options: LvsdOptions,
    private readonly logger: Logger,
    private state: LvsdState,
  ) {
    this.handlers = [
      [
        'SIGHUP',
        () =>
          this.enqueue(async () => ({
            type: 'reload',
            loaded: await loadForReload(options.configfile),
          })),
      ],
      ['SIGTERM', () => this.enqueue(async () => ({ type: 'terminate', signal: 15 }))],
      ['SIGINT', () => this.enqueue(async () => ({ type: 'terminate', signal: 2 }))],
    ];
    this.nannies = new NannySupervisor(
      {
        socketPath: socketPath('lvsd.sock'),
        // The nanny installed beside this lvsd: /usr/sbin/nanny, or bin/nanny in a checkout.
        defaultExecutable: join(dirname(process.argv[1] ?? '/usr/sbin/lvsd'), 'nanny'),
        verbose: options.verbose,
        foreground: options.nodaemon,
      },
      logger,
      {
        health: (id, health) => this.queueHealth({ id, health }),
        exited: (group, how) => this.enqueue(async () => ({ type: 'monitor-exit', group, how })),
        // Answered once the table work it caused (a reconcile queued behind it) is done.
        control: async (word) => {
          await this.enqueue(async () => ({ type: word }));
          await this.queue;
        },
        status: () =>
          lvsdStatus(this.state, {
            pid: process.pid,
            nannies: this.nannies.processes(),
            inSync: this.lastReconcile?.inSync ?? false,
            lastReconcileMs: this.lastReconcile?.atMs ?? null,
          }),
      },
    );
  }

  /** lvsd's socket, for nannies and status requests. */
  open(): Promise<string | undefined> {
    return this.nannies.open();
  }

  run(initial: readonly LvsdEffect[]): Promise<number> {
    return new Promise((resolve) => {
      this.finish = resolve;
      for (const [signal, handler] of this.handlers) process.on(signal, handler);
      this.queue = this.queue.then(() => this.perform(initial));
      this.timer = setInterval(() => this.tick(), this.options.reconcileInterval * 1000);
    });
  }

  private tick(): void {
    if (this.tickPending) return;
    this.tickPending = true;
    this.enqueue(async () => {
      this.tickPending = false;
      return { type: 'tick' };
    });
  }

  /** Resolves when the event's effects have been performed. */
  private enqueue(next: () => Promise<LvsdEvent>): Promise<void> {
    this.queue = this.queue
      .then(async () => {
        const result = step(this.state, await next());
        this.state = result.state;
        await this.perform(result.effects);
      })
      .catch((error: unknown) => this.logger.error(`internal error: ${String(error)}`));
    return this.queue;
  }

  /** Reports that arrive together (a socket read, a full resend) are stepped as one burst. */
  private queueHealth(report: HealthReport): void {
    if (this.pendingHealth.length === 0) setImmediate(() => this.flushHealth());
    this.pendingHealth.push(report);
  }

  private flushHealth(): void {
    const reports = this.pendingHealth;
    this.pendingHealth = [];
    this.handleNow({ type: 'health-batch', reports });
  }

  /** Health reports change the state at once; their table update is coalesced. */
  private handleNow(event: LvsdEvent): void {
    const result = step(this.state, event);
    this.state = result.state;
    for (const effect of result.effects) {
      if (effect.kind === 'log') this.logger[effect.level](effect.message);
      else if (effect.kind === 'reconcile') this.requestReconcile(effect.reason);
    }
  }

  /**
   * At most one reconcile waits in the queue; it uses the desired table of its own time and
   * serves every request that came while it waited, with the most thorough of their reasons.
   */
  private requestReconcile(reason: ReconcileReason): void {
    if (this.reconcileQueued !== undefined) {
      if (THOROUGHNESS[reason] > THOROUGHNESS[this.reconcileQueued]) this.reconcileQueued = reason;
      return;
    }
    this.reconcileQueued = reason;
    this.queue = this.queue
      .then(async () => {
        const queued = this.reconcileQueued ?? reason;
        this.reconcileQueued = undefined;
        if (this.state.stopping) return;
        const report = await this.bringTableTo(this.state.desired, queued);
        this.lastReconcile = { atMs: Date.now(), inSync: report.inSync };
      })
      .catch((error: unknown) => this.logger.error(`internal error: ${String(error)}`));
  }

  /**
   * Health changes go from the table last applied, without reading the kernel (a thousand
   * servers make each read cost as much as the change); anything else, or a change ipvsadm
   * complained about, reads the kernel, diffs and verifies.
   */
  private async bringTableTo(
    desired: IpvsTable,
    reason: ReconcileReason,
  ): Promise<ReconcileReport> {
    const ipvsadm = this.state.config.ipvsadm;
    const from = this.applied;
    this.applied = undefined;
    let report =
      reason === 'health' && from !== undefined
        ? await applyChange(ipvsadm, from, desired, this.logger)
        : undefined;
    if (report?.inSync !== true) report = await reconcile(ipvsadm, desired, reason, this.logger);
    if (report.inSync) this.applied = desired;
    return report;
  }

  private async perform(effects: readonly LvsdEffect[]): Promise<void> {
    const ipvsadm = this.state.config.ipvsadm;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'log':
          this.logger[effect.level](effect.message);
          break;
        case 'set-timeouts':
          await runSimple(ipvsadm, effect.args, this.logger);
          break;
        case 'clear-table':
          await runSimple(ipvsadm, ['-C'], this.logger);
          break;
        case 'reconcile':
          this.requestReconcile(effect.reason);
          break;
        case 'remove-services':
          await removeServices(ipvsadm, effect.managed, this.logger);
          break;
        case 'run-monitors':
          await this.nannies.run(effect.groups);
          break;
        case 'restart-monitors':
          this.nannies.restart(effect.group);
          break;
        case 'exit':
          await this.exit(effect.code);
          break;
      }
    }
  }

  private async exit(code: number): Promise<void> {
    clearInterval(this.timer);
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    await this.nannies.close();
    await removePidFile(this.options.pidfile);
    this.finish(code);
  }
}
