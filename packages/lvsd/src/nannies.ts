// The nanny processes lvsd runs: one per monitor group, each connecting back to lvsd's socket
// to take its monitors and report on them. lvsd alone edits the table; this only starts,
// reassigns and stops processes, and turns their messages and deaths into events.
import { execa } from 'execa';
import {
  listenSocket,
  nextRestart,
  type RestartHistory,
  type Logger,
  type MessageConnection,
  type SocketServer,
} from '@piranha-ts/daemon';
import {
  decodeToLvsd,
  type FromLvsdStatus,
  type LvsdNannyStatus,
  type LvsdStatus,
  type MonitorReport,
  type ToLvsd,
  type ToNanny,
} from '@piranha-ts/protocol';
import type { MonitorGroup, MonitorHealth } from './monitors.js';

export interface NannyEvents {
  readonly health: (id: string, health: MonitorHealth) => void;
  readonly exited: (group: MonitorGroup, how: string) => void;
  /** The answer to a status request on the same socket. */
  readonly status: () => LvsdStatus;
  /** pulse's activate / standby; resolves once lvsd has acted on it. */
  readonly control: (word: 'activate' | 'standby') => Promise<void>;
}

/** What lvsd sends on its socket: assignments to nannies, status to anyone who asks. */
type FromLvsd = ToNanny | FromLvsdStatus;

export interface NannyOptions {
  readonly socketPath: string;
  /** The nanny lvsd runs when a service keeps the default client_monitor. */
  readonly defaultExecutable: string;
  readonly verbose: boolean;
  readonly foreground: boolean;
}

/** The default client_monitor, which lvsd replaces with the nanny installed beside itself. */
export const DEFAULT_CLIENT_MONITOR = '/usr/sbin/nanny';
const STOP_GRACE_MS = 5_000;

/** What lvsd uses of a nanny's process. */
interface NannyProcess {
  readonly pid?: number | undefined;
  kill(signal: NodeJS.Signals): boolean;
}

interface Running {
  group: MonitorGroup;
  readonly child: NannyProcess;
  readonly startedAt: number;
  readonly exited: Promise<void>;
  connection: MessageConnection<FromLvsd> | undefined;
  stopping: boolean;
}

const sameMembers = (a: MonitorGroup, b: MonitorGroup): boolean =>
  a.executable === b.executable &&
  a.monitors.length === b.monitors.length &&
  a.monitors.every((m, i) => m.id === b.monitors[i]?.id);

const assignOf = (group: MonitorGroup): ToNanny => ({
  v: 1,
  type: 'assign',
  monitors: group.monitors.map((m) => ({ id: m.id, argv: [...m.argv] })),
});

export function healthOf(report: MonitorReport): MonitorHealth {
  return { up: report.state === 'up', weight: report.weight, reason: report.reason };
}

export class NannySupervisor {
  private readonly running = new Map<string, Running>();
  private readonly pendingRestarts = new Map<string, NodeJS.Timeout>();
  private readonly histories = new Map<string, RestartHistory>();
  /** When each group's latest process started, for the restart backoff. */
  private readonly lastStart = new Map<string, number>();
  private server: SocketServer | undefined;

  constructor(
    private readonly options: NannyOptions,
    private readonly logger: Logger,
    private readonly events: NannyEvents,
  ) {}

  /** Opens lvsd's socket; an error message when it cannot. */
  async open(): Promise<string | undefined> {
    const listening = await listenSocket<ToLvsd, FromLvsd>({
      path: this.options.socketPath,
      decode: decodeToLvsd,
      onConnection: (connection) => ({
        onMessage: (message) => this.onMessage(connection, message),
        onDecodeError: (error) =>
          this.logger.error(`bad message from nanny (${connection.label}): ${error.message}`),
      }),
    });
    if (!listening.ok) return listening.error.message;
    this.server = listening.value;
    return undefined;
  }

  /** Runs exactly `groups`: new ones start, changed ones restart or take a new assignment. */
  async run(groups: readonly MonitorGroup[]): Promise<void> {
    const wanted = new Map(groups.map((g) => [g.name, g]));
    const stops: Promise<void>[] = [];
    for (const [name, proc] of this.running) {
      const next = wanted.get(name);
      // The ids are on the command line for ps, so a different set means a new process.
      if (next === undefined || !sameMembers(proc.group, next)) stops.push(this.stop(name));
    }
    for (const name of this.pendingRestarts.keys()) if (!wanted.has(name)) this.cancelRestart(name);
    await Promise.all(stops);
    for (const group of groups) {
      const proc = this.running.get(group.name);
      if (proc === undefined) {
        if (!this.pendingRestarts.has(group.name)) this.start(group);
      } else {
        proc.group = group;
        proc.connection?.send(assignOf(group));
      }
    }
  }

  /** Restarts a group that died, after the backoff its recent history calls for. */
  restart(group: MonitorGroup): void {
    const lived = Date.now() - (this.lastStart.get(group.name) ?? Date.now());
    const previous = this.histories.get(group.name) ?? { quickDeaths: 0 };
    const { delayMs, history } = nextRestart(previous, lived);
    this.histories.set(group.name, history);
    this.logger.info(`restarting nanny process ${group.name} in ${delayMs / 1000} s`);
    this.cancelRestart(group.name);
    const timer = setTimeout(() => {
      this.pendingRestarts.delete(group.name);
      if (!this.running.has(group.name)) this.start(group);
    }, delayMs);
    this.pendingRestarts.set(group.name, timer);
  }

  async close(): Promise<void> {
    for (const name of [...this.pendingRestarts.keys()]) this.cancelRestart(name);
    await Promise.all([...this.running.keys()].map((name) => this.stop(name)));
    await this.server?.close();
  }

  /** The nanny processes running now, for status. */
  processes(): LvsdNannyStatus[] {
    return [...this.running].map(([group, proc]) => ({
      group,
      pid: proc.child.pid ?? null,
      monitors: proc.group.monitors.length,
    }));
  }

  private start(group: MonitorGroup): void {
    const executable =
      group.executable === DEFAULT_CLIENT_MONITOR
        ? this.options.defaultExecutable
        : group.executable;
    const argv = ['--lvsd-socket', this.options.socketPath, '--group', group.name];
    if (this.options.verbose) argv.push('-v');
    if (this.options.foreground) argv.push('--nodaemon');
    argv.push('--', ...group.monitors.map((m) => m.id));
    const child = execa(executable, argv, {
      reject: false,
      stdin: 'ignore',
      stdout: this.options.foreground ? 'inherit' : 'ignore',
      stderr: 'inherit',
      // lvsd stops its nannies itself (SIGTERM, then SIGKILL after a grace period).
      cleanup: false,
    });
    const exited = child.then((result) => {
      const how =
        result.exitCode === undefined && result.signal === undefined
          ? `could not start ${executable}: ${result.shortMessage}`
          : result.signal !== undefined
            ? `killed by ${result.signal}`
            : `exited with status ${result.exitCode}`;
      this.onExit(group.name, child, how);
    });
    const startedAt = Date.now();
    this.lastStart.set(group.name, startedAt);
    this.running.set(group.name, {
      group,
      child,
      startedAt,
      exited,
      connection: undefined,
      stopping: false,
    });
    this.logger.debug(
      `started nanny process ${group.name} (pid ${child.pid}) for ${group.monitors.length} monitors`,
    );
  }

  private onExit(name: string, child: NannyProcess, how: string): void {
    const proc = this.running.get(name);
    if (proc === undefined || proc.child !== child) return;
    this.running.delete(name);
    proc.connection?.close();
    if (!proc.stopping) this.events.exited(proc.group, how);
  }

  private async stop(name: string): Promise<void> {
    const proc = this.running.get(name);
    if (proc === undefined) return;
    proc.stopping = true;
    proc.child.kill('SIGTERM');
    const grace = setTimeout(() => proc.child.kill('SIGKILL'), STOP_GRACE_MS);
    await proc.exited;
    clearTimeout(grace);
  }

  private cancelRestart(name: string): void {
    clearTimeout(this.pendingRestarts.get(name));
    this.pendingRestarts.delete(name);
  }

  private onMessage(connection: MessageConnection<FromLvsd>, message: ToLvsd): void {
    switch (message.type) {
      case 'status-request':
        connection.send(this.events.status());
        return;
      case 'activate':
      case 'standby':
        void this.events.control(message.type).then(() => connection.send(this.events.status()));
        return;
      case 'hello': {
        const proc = this.running.get(message.group);
        if (proc === undefined || proc.child.pid !== message.pid) {
          this.logger.error(
            `nanny pid ${message.pid} says it is group ${message.group}, which lvsd did not start`,
          );
          connection.close();
          return;
        }
        proc.connection = connection;
        connection.send(assignOf(proc.group));
        return;
      }
      case 'report':
        this.events.health(message.id, healthOf(message));
        return;
      case 'status':
        for (const report of message.reports) this.events.health(report.id, healthOf(report));
        return;
      case 'error':
        this.logger.error(
          `nanny${message.id === null ? '' : ` for ${message.id}`}: ${message.message}`,
        );
        return;
    }
  }
}
