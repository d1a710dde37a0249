// Floating addresses (VIPs and the NAT router address) on this router's interfaces, and the
// gratuitous ARPs that announce them (reference 4.10.3). Announcing runs in the background,
// one worker per address; releasing first stops an announcement under way, so an address
// is never added back after it was taken down. The first frame for an address goes out from
// pulse itself as soon as the address is up; send_arp sends the others.
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import {
  addressDownChange,
  addressUpChange,
  announcementPlan,
  baseDevice,
  describeChange,
  floatingPrefixLength,
  GRATUITOUS_ARP_INTERVAL_MS,
  gratuitousArpFrame,
  sendArpArgv,
  type AddressChange,
  type AnnounceFrom,
  type FloatingAddress,
} from '@piranha-ts/net';
import {
  changeAddress,
  EADDRNOTAVAIL,
  EEXIST,
  readInterfaceAddresses,
  sendRawFrame,
} from '@piranha-ts/net/io';
import type { LoopLogLevel } from '../loop.js';
import type { FloatingSpec } from '../settings.js';

export interface FloatingOptions {
  readonly specs: readonly FloatingSpec[];
  readonly sendArp: string;
  /** Decides whether send_arp sends frames after the first (announcementPlan). */
  readonly keepaliveSeconds: number;
  /** `lvs` or `fos`, for the `gratuitous lvs arps finished` line. */
  readonly mode: string;
  readonly log: (level: LoopLogLevel, message: string) => void;
}

interface Job {
  readonly abort: AbortController;
  readonly done: Promise<void>;
  /** Every address up and its first frame out (or that failed). */
  readonly up: Promise<void>;
}

export class FloatingAddresses {
  private job: Job | undefined;
  private readonly up = new Set<string>();

  constructor(private readonly options: FloatingOptions) {}

  /** Addresses this pulse has brought up and not taken down. */
  get held(): readonly string[] {
    return this.options.specs.map((s) => s.address).filter((a) => this.up.has(a));
  }

  /** Starts bringing every address up and announcing it; a previous announcement is stopped. */
  announce(): void {
    const previous = this.job;
    const abort = new AbortController();
    const firsts = this.options.specs.map(() => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    const done = (async () => {
      if (previous !== undefined) {
        previous.abort.abort();
        await previous.done;
      }
      await Promise.all(
        this.options.specs.map((spec, i) =>
          this.announceOne(spec, abort.signal, () => firsts[i]?.resolve()).finally(() =>
            firsts[i]?.resolve(),
          ),
        ),
      );
      if (!abort.signal.aborted)
        this.options.log('info', `gratuitous ${this.options.mode} arps finished`);
    })();
    const up = Promise.all(firsts.map((f) => f.promise)).then(() => undefined);
    this.job = { abort, done, up };
  }

  /**
   * Resolves once the announcement under way has each address up and its first frame out;
   * a router handing over says `running` only then, so its partner lets go of the addresses
   * only when the clients can be moved.
   */
  whenUp(): Promise<void> {
    return this.job?.up ?? Promise.resolve();
  }

  /**
   * Stops any announcement (a send_arp under way is killed: a router stepping down must not
   * wait for it), then takes every address down that is on its device.
   */
  async release(): Promise<void> {
    const job = this.job;
    this.job = undefined;
    if (job !== undefined) {
      job.abort.abort();
      await job.done;
    }
    for (const spec of this.options.specs) await this.releaseOne(spec);
  }

  private async announceOne(
    spec: FloatingSpec,
    signal: AbortSignal,
    firstSent: () => void,
  ): Promise<void> {
    const device = readInterfaceAddresses(baseDevice(spec.device));
    if (!device.ok) return this.options.log('warn', `${spec.device}: ${device.error.message}`);
    if (signal.aborted) return;
    const floating: FloatingAddress = {
      address: spec.address,
      device: spec.device,
      prefixLength: floatingPrefixLength(spec.address, spec.maskBits, device.addresses.ipv4),
    };
    if (!this.change(addressUpChange(floating, device.index), floating, EEXIST)) return;
    this.up.add(spec.address);
    await this.sendArps(floating, device.addresses, signal, firstSent);
  }

  /**
   * The original's frames, a pause after each (announcementPlan): the first sent here, or by
   * send_arp when that fails, the others by send_arp (or here too, keepalive under 1 s).
   */
  private async sendArps(
    floating: FloatingAddress,
    from: AnnounceFrom,
    signal: AbortSignal,
    firstSent: () => void,
  ): Promise<void> {
    const args = sendArpArgv(floating, from);
    for (const step of announcementPlan(this.options.keepaliveSeconds)) {
      if (signal.aborted) return;
      const sent = step === 'in-process' && this.sendFrame(floating, from);
      if (!sent) await this.runSendArp(args, signal);
      firstSent();
      await sleep(GRATUITOUS_ARP_INTERVAL_MS, undefined, { signal }).catch(() => undefined);
    }
  }

  private sendFrame(floating: FloatingAddress, from: AnnounceFrom): boolean {
    const frame = gratuitousArpFrame(floating, from);
    if (frame === undefined) return false;
    const device = baseDevice(floating.device);
    this.options.log('debug', `Sending gratuitous ARP for ${floating.address} on ${device}`);
    const sent = sendRawFrame(device, frame);
    if (sent.ok) return true;
    const { syscall, message } = sent.error;
    this.options.log('warn', `gratuitous ARP on ${device} failed: ${syscall}: ${message}`);
    return false;
  }

  private async runSendArp(args: readonly string[], signal: AbortSignal): Promise<void> {
    this.options.log('debug', `Executing '${this.options.sendArp}'`);
    const run = await execa(this.options.sendArp, args, {
      reject: false,
      stdin: 'ignore',
      cancelSignal: signal,
    });
    if (run.failed && !run.isCanceled) {
      const said = String(run.stderr).trim();
      this.options.log('warn', `${this.options.sendArp} failed: ${said || run.shortMessage}`);
    }
  }

  private async releaseOne(spec: FloatingSpec): Promise<void> {
    this.up.delete(spec.address);
    const device = readInterfaceAddresses(baseDevice(spec.device));
    if (!device.ok) return;
    const present = device.addresses.ipv4.find((a) => a.address === spec.address);
    if (present === undefined) return;
    const floating = { ...spec, prefixLength: present.prefixLength };
    this.change(addressDownChange(floating, device.index), floating, EADDRNOTAVAIL);
  }

  /**
   * One address change over rtnetlink, logged as the `ip` command that asks the same; true when
   * done, or when the kernel's `nothing to do` errno says it already was.
   */
  private change(
    change: AddressChange | undefined,
    floating: FloatingAddress,
    alreadyDone: number,
  ): boolean {
    const device = baseDevice(floating.device);
    if (change === undefined) {
      this.options.log('warn', `${floating.address}: not an IPv4 address`);
      return false;
    }
    const command = describeChange(change, device);
    this.options.log('debug', `Running '${command}' over rtnetlink`);
    const done = changeAddress(change);
    if (done.ok || done.errno === alreadyDone) return true;
    this.options.log('warn', `${command} failed: ${done.message}`);
    return false;
  }
}
