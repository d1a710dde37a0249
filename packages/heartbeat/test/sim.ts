// Two pulse state machines joined by a simulated network with virtual time: heartbeats go
// through the real wire codec, timers through a queue, and channels can be cut.
import {
  heartbeatBytes,
  initialWireState,
  receiveDatagram,
  start,
  step,
  type Channel,
  type HeartbeatKey,
  type PulseEffect,
  type PulseEvent,
  type PulseOptions,
  type PulseState,
  type Role,
  type StepResult,
  type TimerName,
  type WireOptions,
  type WireState,
} from '@piranha-ts/heartbeat';
import { OPTIONS } from './helpers.js';

const ADDRESSES: Readonly<Record<Role, Record<Channel, string>>> = {
  master: { public: '192.0.2.1', private: '10.0.0.1' },
  backup: { public: '192.0.2.2', private: '10.0.0.2' },
};

export interface SimNode {
  readonly role: Role;
  readonly wireOptions: WireOptions;
  state: PulseState;
  wire: WireState;
  alive: boolean;
  readonly timerGeneration: Record<TimerName, number>;
  readonly log: { at: number; message: string }[];
  readonly actions: { at: number; effect: PulseEffect }[];
}

interface Scheduled {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
}

export class Sim {
  now = 0;
  latencyMs = 1;
  /** How long after a forced start lvsd reports itself ready. */
  lvsdReadyMs = 0;
  /** Channels currently carrying datagrams (both directions). */
  readonly up: Record<Channel, boolean> = { public: true, private: true };
  readonly nodes: Record<Role, SimNode>;
  private queue: Scheduled[] = [];
  private order = 0;

  constructor(
    private readonly options: Partial<PulseOptions> = {},
    private readonly keys: Partial<Record<Role, HeartbeatKey>> = {},
  ) {
    this.nodes = { master: this.makeNode('master'), backup: this.makeNode('backup') };
  }

  private makeNode(role: Role): SimNode {
    const partner = role === 'master' ? ADDRESSES.backup : ADDRESSES.master;
    const privateChannel = this.options.privateChannel ?? false;
    return {
      role,
      wireOptions: {
        mode: 'lvs',
        role,
        partner: { public: partner.public, private: privateChannel ? partner.private : undefined },
        key: this.keys[role],
      },
      state: start({ ...OPTIONS, ...this.options, role }, 0).state,
      wire: initialWireState(0),
      alive: false,
      timerGeneration: { send: 0, need: 0, handover: 0 },
      log: [],
      actions: [],
    };
  }

  /** (Re)start pulse on a node now. */
  boot(role: Role, extra: Partial<PulseOptions> = {}): void {
    const node = this.nodes[role];
    node.alive = true;
    node.wire = initialWireState(this.now + 1);
    const result = start({ ...OPTIONS, ...this.options, ...extra, role }, this.now);
    this.apply(node, result);
  }

  /** The machine dies: no more sends, timers or deliveries. */
  kill(role: Role): void {
    this.nodes[role].alive = false;
  }

  deliver(role: Role, event: PulseEvent): void {
    const node = this.nodes[role];
    if (node.alive) this.apply(node, step(node.state, event, this.now));
  }

  at(time: number, run: () => void): void {
    this.queue.push({ at: time, order: this.order++, run });
  }

  runUntil(time: number): void {
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.queue[0];
      if (next === undefined || next.at > time) break;
      this.queue.shift();
      this.now = next.at;
      next.run();
    }
    this.now = time;
  }

  active(): Role[] {
    return (['master', 'backup'] as const).filter(
      (r) => this.nodes[r].alive && this.nodes[r].state.active,
    );
  }

  private apply(node: SimNode, result: StepResult): void {
    node.state = result.state;
    for (const effect of result.effects) this.perform(node, effect);
  }

  private perform(node: SimNode, effect: PulseEffect): void {
    switch (effect.kind) {
      case 'log':
        if (effect.level !== 'debug') node.log.push({ at: this.now, message: effect.message });
        return;
      case 'arm-timer': {
        const generation = ++node.timerGeneration[effect.timer];
        this.at(this.now + effect.delayMs, () => {
          if (node.alive && node.timerGeneration[effect.timer] === generation) {
            this.deliver(node.role, { type: 'timer', timer: effect.timer });
          }
        });
        return;
      }
      case 'cancel-timer':
        node.timerGeneration[effect.timer]++;
        return;
      case 'send-heartbeat':
        this.send(node, effect.channel, effect.message);
        return;
      case 'exit':
        node.alive = false;
        return;
      case 'await-lvsd-ready':
        this.at(this.now + this.lvsdReadyMs, () => this.deliver(node.role, { type: 'lvsd-ready' }));
        return;
      default:
        node.actions.push({ at: this.now, effect });
    }
  }

  private send(node: SimNode, channel: Channel, message: 'running' | 'stopped'): void {
    const sent = heartbeatBytes(node.wireOptions, node.wire, message);
    node.wire = sent.state;
    if (!this.up[channel]) return;
    const to = this.nodes[node.role === 'master' ? 'backup' : 'master'];
    const from = ADDRESSES[node.role][channel];
    this.at(this.now + this.latencyMs, () => {
      if (!to.alive || !this.up[channel]) return;
      const received = receiveDatagram(to.wireOptions, to.wire, from, sent.bytes);
      to.wire = received.state;
      const r = received.received;
      if (r.ok)
        this.deliver(to.role, { type: 'heartbeat', message: r.message, channel: r.channel });
      else to.log.push({ at: this.now, message: r.log.message });
    });
  }
}

export const messages = (node: SimNode): string[] => node.log.map((l) => l.message);
