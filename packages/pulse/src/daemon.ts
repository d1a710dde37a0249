// The running pulse: the edges of the loop (sockets, timers, lvsd, addresses, programs),
// signals, link monitoring and the status socket, composed around one PulseLoop.
import { performance } from 'node:perf_hooks';
import { HANDOVER_WAIT_MS, type Channel, type TimerName } from '@piranha-ts/heartbeat';
import { removePidFile, type Logger, type SocketServer } from '@piranha-ts/daemon';
import { syncDaemonCommands, userCommand, type Command } from './argv.js';
import { PulseLoop, type LoopLogLevel, type PulseEdges } from './loop.js';
import type { PulseSettings } from './settings.js';
import { pulseStatus } from './status.js';
import { runInBackground, runInSequence } from './io/commands.js';
import { FloatingAddresses } from './io/floating.js';
import { LinkWatcher, linkPollMs } from './io/links.js';
import { LateTimers } from './io/timers.js';
import { stopLeftoverLvsd } from './io/leftover-lvsd.js';
import { LVSD_STOP_TIMEOUT_MS, LvsdChild } from './io/lvsd.js';
import type { HeartbeatSockets } from './io/sockets.js';
import { pulseSocketPath, serveStatus } from './io/status-socket.js';

export interface DaemonInputs {
  readonly settings: PulseSettings;
  readonly sockets: HeartbeatSockets;
  readonly logger: Logger;
  readonly verbose: boolean;
  /** -t: everything but lvsd. */
  readonly testStart: boolean;
  readonly lvsd: Command;
  /** Run lvsd in standby while inactive, so a takeover finds its monitors running. */
  readonly warmStandby: boolean;
  readonly sendArp: string;
  readonly sync: { readonly ipvsadm: string; readonly iface: string; readonly id: number };
  /** Interfaces carrying this router's heartbeat addresses, for link monitoring. */
  readonly linkInterfaces: Readonly<Partial<Record<Channel, string>>>;
  readonly pidfile: string;
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

export async function runDaemon(inputs: DaemonInputs): Promise<number> {
  return new PulseDaemon(inputs).run();
}

class PulseDaemon implements PulseEdges {
  private readonly loop: PulseLoop;
  private readonly timers = new LateTimers<TimerName>();
  private readonly lvsd: LvsdChild;
  private readonly floating: FloatingAddresses;
  private readonly links: LinkWatcher;
  private readonly handlers = SIGNALS.map((signal) => {
    const handler = () => void this.loop.event({ type: 'signal', signal });
    return [signal, handler] as const;
  });
  private statusServer: SocketServer | undefined;
  private finish: (code: number) => void = () => {};

  constructor(private readonly inputs: DaemonInputs) {
    const { settings } = inputs;
    const wire = {
      mode: 'lvs' as const,
      role: settings.role,
      partner: settings.heartbeat.partner,
      key: settings.key,
    };
    this.loop = new PulseLoop(settings.machine, wire, this, Date.now());
    this.lvsd = new LvsdChild(inputs.lvsd, {
      warm: inputs.warmStandby && !inputs.testStart,
      onUnexpectedExit: (pid, status) => void this.loop.event({ type: 'lvsd-exited', pid, status }),
      onError: (message) => this.log('warn', message),
    });
    this.floating = new FloatingAddresses({
      specs: settings.floating,
      sendArp: inputs.sendArp,
      keepaliveSeconds: settings.machine.keepalive,
      mode: 'lvs',
      log: (level, message) => this.log(level, message),
    });
    this.links = new LinkWatcher(inputs.linkInterfaces, (nic, up) => {
      void this.loop.event({ type: 'link', nic, up });
    });
  }

  async run(): Promise<number> {
    const done = new Promise<number>((resolve) => (this.finish = resolve));
    const served = await serveStatus(pulseSocketPath(), () => this.status());
    if (served.ok) this.statusServer = served.value;
    else this.log('warn', `status socket: ${served.error.message}`);
    // Addresses left up by an earlier pulse that died would answer ARP beside the active router.
    await this.floating.release();
    if (!this.inputs.testStart) {
      await stopLeftoverLvsd(LVSD_STOP_TIMEOUT_MS, (message) => this.log('warn', message));
    }
    this.inputs.sockets.listen(
      ({ from, bytes }) => void this.loop.datagram(from, bytes),
      (message) => this.log('warn', message),
    );
    for (const [signal, handler] of this.handlers) process.on(signal, handler);
    const { machine } = this.inputs.settings;
    if (machine.monitorLinks && machine.backupActive) {
      this.links.start(linkPollMs(machine.keepalive));
    }
    this.lvsd.prepare();
    await this.loop.begin();
    return done;
  }

  private status() {
    const state = this.loop.state;
    if (state === undefined) return undefined;
    return pulseStatus({
      pid: process.pid,
      state,
      nowMs: this.now(),
      lvsdPid: this.lvsd.pid,
      vips: this.floating.held,
    });
  }

  now(): number {
    return performance.now();
  }

  log(level: LoopLogLevel, message: string): void {
    const { logger, verbose } = this.inputs;
    if (level === 'verbose') {
      if (verbose) logger.info(message);
      return;
    }
    logger[level](message);
  }

  send(channel: Channel, bytes: Uint8Array): void {
    this.inputs.sockets.send(channel, bytes, (error) => {
      this.log('verbose', `Warning -- failed to send heartbeat: ${error} (${channel} if)`);
    });
  }

  arm(timer: TimerName, delayMs: number): void {
    this.timers.arm(timer, delayMs, () => void this.loop.event({ type: 'timer', timer }));
  }

  cancel(timer: TimerName): void {
    this.timers.cancel(timer);
  }

  runCommand(_which: 'active_cmd' | 'inactive_cmd', text: string): void {
    const command = userCommand(text);
    if (command === undefined) return;
    const exited = (pid: number) => void this.loop.event({ type: 'child-exited', pid });
    runInBackground(command, exited, (message) => this.log('warn', message));
  }

  startLvsd(): void {
    const { lvsd, testStart } = this.inputs;
    if (testStart) return;
    if (this.lvsd.standingBy) this.log('debug', `Telling lvsd (pid ${this.lvsd.pid}) to activate`);
    else this.log('debug', `Executing ${[lvsd.file, ...lvsd.args].join(' ')}`);
    this.lvsd.start();
  }

  awaitLvsdReady(): void {
    const ready = () => void this.loop.event({ type: 'lvsd-ready' });
    // -t starts no lvsd: nothing to wait for.
    if (this.inputs.testStart) return ready();
    void this.lvsd.whenReady(HANDOVER_WAIT_MS).then((ok) => ok && ready());
  }

  /**
   * Not awaited: lvsd can take seconds to remove its services and stop its nannies, and the
   * loop must keep reading heartbeats meanwhile, or the partner looks dead when it is not.
   */
  stopLvsd(): Promise<void> {
    void this.lvsd.stop();
    return Promise.resolve();
  }

  signalLvsd(signal: 'SIGHUP'): void {
    this.lvsd.signal(signal);
  }

  syncDaemon(state: 'master' | 'backup'): Promise<void> {
    const { ipvsadm, iface, id } = this.inputs.sync;
    const commands = syncDaemonCommands(ipvsadm, state, iface, id);
    return runInSequence(commands, (message) => this.log('warn', message));
  }

  announce(): void {
    this.floating.announce();
  }

  addressesUp(): Promise<void> {
    return this.floating.whenUp();
  }

  release(): Promise<void> {
    return this.floating.release();
  }

  async exit(code: number): Promise<void> {
    this.timers.cancelAll();
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.links.stop();
    await this.lvsd.shutdown();
    this.inputs.sockets.close();
    await this.statusServer?.close();
    await removePidFile(this.inputs.pidfile);
    this.finish(code);
  }
}
