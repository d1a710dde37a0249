// pulse's main loop (reference 4.6): datagrams, timers, child exits, signals and link changes
// become events of the pure state machine, one at a time; its effects are performed in order
// through the edges, which are the only part that touches the world. The send timer alone does
// not queue: a heartbeat must not wait behind an effect that takes long (lvsd stopping,
// addresses going down), or the partner counts this router dead meanwhile.
import {
  heartbeatBytes,
  initialWireState,
  receiveDatagram,
  start,
  step,
  type Channel,
  type PulseEffect,
  type PulseEvent,
  type PulseState,
  type TimerName,
  type WireOptions,
  type WireState,
} from '@piranha-ts/heartbeat';

/** `verbose` lines appear only with -v, without the `DEBUG --` prefix of `debug`. */
export type LoopLogLevel = 'info' | 'warn' | 'debug' | 'verbose';

export interface PulseEdges {
  /** Monotonic milliseconds: deadlines and "last heard". */
  now(): number;
  log(level: LoopLogLevel, message: string): void;
  send(channel: Channel, bytes: Uint8Array): void;
  arm(timer: TimerName, delayMs: number): void;
  cancel(timer: TimerName): void;
  /** active_cmd / inactive_cmd, not waited for. */
  runCommand(which: 'active_cmd' | 'inactive_cmd', command: string): void;
  startLvsd(): void;
  /** Feeds `lvsd-ready` back once the lvsd just started or activated is ready; not awaited. */
  awaitLvsdReady(): void;
  /** Stop lvsd (SIGTERM, or standby with --warm-standby); it finishes in the background. */
  stopLvsd(): Promise<void>;
  signalLvsd(signal: 'SIGHUP'): void;
  syncDaemon(state: 'master' | 'backup'): Promise<void>;
  /** Floating addresses up and gratuitous ARPs, in the background. */
  announce(): void;
  /** Resolves once the announcement under way has every address up and its first ARP out. */
  addressesUp(): Promise<void>;
  /** Floating addresses down, waiting for each (and for an announcement under way). */
  release(): Promise<void>;
  exit(code: number): Promise<void>;
}

export class PulseLoop {
  private queue: Promise<void> = Promise.resolve();
  private machine: PulseState | undefined;
  /** Set while a hand-over waits for its addresses: "running" would come too early. */
  private silent = false;
  private wire: WireState;

  constructor(
    private readonly options: Parameters<typeof start>[0],
    private readonly wireOptions: WireOptions,
    private readonly edges: PulseEdges,
    wallClockMs: number,
  ) {
    this.wire = initialWireState(wallClockMs);
  }

  /** The state machine's first state and effects (4.2 step 10, 4.8). */
  begin(): Promise<void> {
    return this.enqueue(() => {
      const first = start(this.options, this.edges.now());
      this.machine = first.state;
      return first.effects;
    });
  }

  /** The machine's current state; undefined before `begin`. */
  get state(): PulseState | undefined {
    return this.machine;
  }

  event(event: PulseEvent): Promise<void> {
    if (event.type === 'timer' && event.timer === 'send') return this.sendNow(event);
    return this.enqueue(() => this.step(event));
  }

  /**
   * The send timer, stepped and performed at once: its effects (a log line, heartbeats, the
   * timer again) are immediate, and the state they tell is the one stepped so far, as if the
   * events still queued had come a moment later.
   */
  private sendNow(event: PulseEvent): Promise<void> {
    const effects = this.step(event);
    return this.perform(this.silent ? effects.filter((e) => e.kind === 'arm-timer') : effects);
  }

  /** A datagram on either socket: the wire checks decide whether it is a heartbeat (4.5). */
  datagram(from: string, bytes: Uint8Array): Promise<void> {
    return this.enqueue(() => {
      const { state, received } = receiveDatagram(this.wireOptions, this.wire, from, bytes);
      this.wire = state;
      if (!received.ok) {
        this.edges.log(received.log.level === 'debug' ? 'verbose' : 'warn', received.log.message);
        return [];
      }
      return this.step({ type: 'heartbeat', message: received.message, channel: received.channel });
    });
  }

  /** Resolves when everything queued so far has been performed. */
  idle(): Promise<void> {
    return this.queue;
  }

  private step(event: PulseEvent): readonly PulseEffect[] {
    if (this.machine === undefined) return [];
    const result = step(this.machine, event, this.edges.now());
    this.machine = result.state;
    return result.effects;
  }

  private enqueue(next: () => readonly PulseEffect[]): Promise<void> {
    this.queue = this.queue
      .then(() => this.perform(next()))
      .catch((error: unknown) => this.edges.log('warn', `internal error: ${String(error)}`));
    return this.queue;
  }

  /** One failing effect must not cost the rest (a timer not re-armed would stop pulse). */
  private async perform(effects: readonly PulseEffect[]): Promise<void> {
    for (const effect of effects) {
      try {
        await this.performOne(effect);
      } catch (error) {
        this.edges.log('warn', `internal error: ${String(error)}`);
      }
    }
  }

  private async performOne(effect: PulseEffect): Promise<void> {
    const edges = this.edges;
    switch (effect.kind) {
      case 'log':
        return edges.log(effect.level, effect.message);
      case 'send-heartbeat': {
        const { state, bytes } = heartbeatBytes(this.wireOptions, this.wire, effect.message);
        this.wire = state;
        return edges.send(effect.channel, bytes);
      }
      case 'arm-timer':
        return edges.arm(effect.timer, effect.delayMs);
      case 'cancel-timer':
        return edges.cancel(effect.timer);
      case 'run-command':
        return edges.runCommand(effect.which, effect.command);
      case 'start-lvsd':
        return edges.startLvsd();
      case 'await-lvsd-ready':
        return edges.awaitLvsdReady();
      case 'stop-lvsd':
        return edges.stopLvsd();
      case 'signal-lvsd':
        return edges.signalLvsd(effect.signal);
      case 'sync-daemon':
        return edges.syncDaemon(effect.state);
      case 'announce-addresses':
        return edges.announce();
      case 'await-addresses-up':
        this.silent = true;
        try {
          return await edges.addressesUp();
        } finally {
          this.silent = false;
        }
      case 'release-addresses':
        return edges.release();
      case 'exit':
        return edges.exit(effect.code);
    }
  }
}
