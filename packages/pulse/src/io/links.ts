// Link monitoring (reference 4.10.5): the carrier of the interfaces that hold this router's
// public and private heartbeat addresses, polled; only changes are reported.
import type { Channel } from '@piranha-ts/heartbeat';
import { linkIsUp } from '@piranha-ts/net/io';

/** The original looked before every wait; a poll at this pace sees a cable pull as quickly. */
export function linkPollMs(keepaliveSeconds: number): number {
  return Math.min(1000, Math.max(50, Math.round((keepaliveSeconds * 1000) / 2)));
}

export class LinkWatcher {
  private timer: NodeJS.Timeout | undefined;
  /** The state machine starts with every link up. */
  private readonly last: Record<Channel, boolean> = { public: true, private: true };
  private polling = false;

  constructor(
    private readonly interfaces: Readonly<Partial<Record<Channel, string>>>,
    private readonly onChange: (nic: Channel, up: boolean) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.poll(), intervalMs);
    void this.poll();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const [nic, name] of Object.entries(this.interfaces) as [Channel, string][]) {
        const up = await linkIsUp(name);
        if (up === this.last[nic]) continue;
        this.last[nic] = up;
        this.onChange(nic, up);
      }
    } finally {
      this.polling = false;
    }
  }
}
