// The heartbeat sockets (reference 4.4): UDP bound to this router's public address and
// heartbeat_port, and a second one on its private address when a private path is configured.
// Datagrams are accepted on either socket; the sender address decides the channel.
import { createSocket, type Socket } from 'node:dgram';
import type { Channel } from '@piranha-ts/heartbeat';
import type { HeartbeatAddresses } from '../settings.js';

export interface Datagram {
  readonly from: string;
  readonly bytes: Uint8Array;
}

export type BindResult =
  | { readonly ok: true; readonly sockets: HeartbeatSockets }
  | { readonly ok: false; readonly message: string };

function bindOne(address: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    socket.once('error', reject);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

export class HeartbeatSockets {
  private constructor(
    private readonly addresses: HeartbeatAddresses,
    private readonly sockets: Readonly<Partial<Record<Channel, Socket>>>,
  ) {}

  /** Binds every socket this router needs; on failure none stays open. */
  static async bind(addresses: HeartbeatAddresses): Promise<BindResult> {
    const opened: Partial<Record<Channel, Socket>> = {};
    try {
      opened.public = await bindOne(addresses.own.public, addresses.port);
      if (addresses.own.private !== undefined) {
        opened.private = await bindOne(addresses.own.private, addresses.port);
      }
      return { ok: true, sockets: new HeartbeatSockets(addresses, opened) };
    } catch (error) {
      for (const socket of Object.values(opened)) socket.close();
      return { ok: false, message: (error as Error).message };
    }
  }

  /**
   * Reports every datagram. Socket errors (an ICMP port unreachable after a send comes back
   * as ECONNREFUSED) are reported too, except that one, which the original ignores.
   */
  listen(onDatagram: (d: Datagram) => void, onError: (message: string) => void): void {
    for (const socket of Object.values(this.sockets)) {
      socket.on('message', (bytes, remote) => onDatagram({ from: remote.address, bytes }));
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNREFUSED') onError(`recvfrom() failed: ${error.message}`);
      });
    }
  }

  /** Sends from this channel's socket to the partner's address on it. */
  send(channel: Channel, bytes: Uint8Array, onError: (message: string) => void): void {
    const socket = this.sockets[channel];
    const to = this.addresses.partner[channel];
    if (socket === undefined || to === undefined) return;
    socket.send(bytes, this.addresses.port, to, (error) => {
      if (error !== null) onError(error.message);
    });
  }

  close(): void {
    for (const socket of Object.values(this.sockets)) socket.close();
  }
}
