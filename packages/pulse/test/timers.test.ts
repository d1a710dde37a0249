// A timer that falls due while the process is busy must not beat a datagram that arrived
// meanwhile: real UDP sockets on loopback, the event loop blocked past the deadline.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { LateTimers } from '../src/io/timers.js';

const sockets: Socket[] = [];

async function boundSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return socket;
}

afterAll(() => {
  for (const socket of sockets) socket.close();
});

function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // the process is busy: a slow fork, a descheduled CPU
  }
}

test('a datagram that arrived while the loop was busy is read before the overdue timer', async () => {
  const receiver = await boundSocket();
  const sender = await boundSocket();
  const order: string[] = [];
  receiver.on('message', () => order.push('datagram'));
  const timers = new LateTimers<'need'>();
  const fired = new Promise<void>((resolve) =>
    timers.arm('need', 20, () => {
      order.push('timer');
      resolve();
    }),
  );
  sender.send('heartbeat', receiver.address().port, '127.0.0.1');
  busyFor(100);
  await fired;
  expect(order).toEqual(['datagram', 'timer']);
});

test('cancel stops a timer before it is due and after it fell due', async () => {
  const timers = new LateTimers<'send' | 'need'>();
  const fired: string[] = [];
  timers.arm('send', 5, () => fired.push('send'));
  timers.cancel('send');
  timers.arm('need', 0, () => fired.push('need'));
  // Due in the same timers phase, after need's: need's callback is then waiting its turn.
  setTimeout(() => timers.cancelAll(), 0);
  busyFor(10);
  await new Promise<void>((resolve) => setTimeout(resolve, 20));
  expect(fired).toEqual([]);
});

test('arming again replaces the pending timer', async () => {
  const timers = new LateTimers<'send'>();
  const fired: number[] = [];
  timers.arm('send', 5, () => fired.push(1));
  timers.arm('send', 10, () => fired.push(2));
  await new Promise<void>((resolve) => setTimeout(resolve, 40));
  expect(fired).toEqual([2]);
});
