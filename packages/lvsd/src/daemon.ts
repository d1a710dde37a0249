// The running lvsd: performs the effects of `step`, turns signals and the reconcile timer into
// events, and handles them one at a time so two table updates never interleave.
import { spawn } from 'node:child_process';
import {
  describeLoadFailure,
  describeWarnings,
  loadLvsCf,
  type LoadResult,
} from '@piranha-ts/config/io';
import { createLogger, removePidFile, writePidFile, type Logger } from '@piranha-ts/daemon';
import type { LvsdOptions } from './cli.js';
import { reconcile, removeServices, runSimple } from './reconcile.js';
import {
  start,
  step,
  type LoadedConfig,
  type LvsdEffect,
  type LvsdEvent,
  type LvsdState,
} from './step.js';

type UsableConfig = Extract<LoadResult, { ok: true }>;

/** The original forks twice; Node cannot fork, so it starts itself detached with --nofork. */
function continueInBackground(argv: readonly string[]): number {
  const script = process.argv[1] ?? '';
  const child = spawn(process.execPath, [script, ...argv, '--nofork'], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return 0;
}

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
  const started = start(options.configfile, loaded.config, loaded.source, options.clearTable);
  if (!started.ok) {
    for (const line of started.errors) logger.error(line);
    return 1;
  }
  const pidError = await writePidFile(options.pidfile, process.pid);
  if (pidError !== undefined) logger.error(pidError);
  return new DaemonLoop(options, logger, started.result.state).run(started.result.effects);
}

class DaemonLoop {
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private tickPending = false;
  private finish: (code: number) => void = () => {};
  private readonly handlers: [NodeJS.Signals, () => void][];

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

  private enqueue(next: () => Promise<LvsdEvent>): void {
    this.queue = this.queue
      .then(async () => {
        const result = step(this.state, await next());
        this.state = result.state;
        await this.perform(result.effects);
      })
      .catch((error: unknown) => this.logger.error(`internal error: ${String(error)}`));
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
          await reconcile(ipvsadm, effect.desired, effect.reason, this.logger);
          break;
        case 'remove-services':
          await removeServices(ipvsadm, effect.managed, this.logger);
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
    await removePidFile(this.options.pidfile);
    this.finish(code);
  }
}
