// pulse's timers, each firing one event-loop turn late on purpose. Node runs due timers before
// it reads sockets, so after the process was busy or descheduled (a slow fork, a loaded or
// emulated CPU) a due `need` timer would declare the partner dead although its heartbeat sat
// unread in the socket buffer. Deferring the callback with setImmediate lets the poll phase
// read that datagram first.

type Handle =
  | { readonly kind: 'timeout'; readonly handle: NodeJS.Timeout }
  | { readonly kind: 'immediate'; readonly handle: NodeJS.Immediate };

export class LateTimers<Name> {
  private readonly pending = new Map<Name, Handle>();

  /** Replaces any pending timer of that name. */
  arm(name: Name, delayMs: number, fire: () => void): void {
    this.cancel(name);
    const due = () => this.pending.set(name, { kind: 'immediate', handle: setImmediate(done) });
    const done = () => {
      this.pending.delete(name);
      fire();
    };
    const handle = setTimeout(due, Math.max(0, delayMs));
    this.pending.set(name, { kind: 'timeout', handle });
  }

  cancel(name: Name): void {
    const pending = this.pending.get(name);
    if (pending?.kind === 'timeout') clearTimeout(pending.handle);
    if (pending?.kind === 'immediate') clearImmediate(pending.handle);
    this.pending.delete(name);
  }

  cancelAll(): void {
    for (const name of [...this.pending.keys()]) this.cancel(name);
  }
}
