#!/usr/bin/env node
// The real servers of the benchmark in one process: listens on every `KIND ADDRESS PORT` of
// SERVERS_FILE. A tcp listener closes each connection at once, without reading from it; an http
// one answers the first bytes it receives with `HTTP/1.0 200 OK`. As little work per connection
// as a real server could do: the farm shares the lab's vCPUs with the processes measured.
//   node farm.mjs SERVERS_FILE SAMPLE_FILE
// Prints `listening N` once every listener is bound. SIGUSR1: closes the listeners named in
// SAMPLE_FILE (`ADDRESS:PORT` lines) and prints `closed MS ADDRESS:PORT` for each, MS being
// Date.now() right after its listening socket was closed. SIGUSR2: prints
// `connections MS COUNT`, the connections accepted so far.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const [serversFile, sampleFile] = process.argv.slice(2);
const listeners = new Map();
let connections = 0;

const REPLY = Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n');

function handle(kind, socket) {
  connections += 1;
  if (kind === 'tcp') {
    socket.destroy();
    return;
  }
  socket.on('error', () => {});
  // The checker closes its end after the reply or at its deadline, which ends this socket too.
  socket.once('data', () => socket.end(REPLY));
}

const lines = readFileSync(serversFile, 'utf8').split('\n').filter(Boolean);
await Promise.all(
  lines.map((line) => {
    const [kind, address, port] = line.split(' ');
    // A tcp server's connections are never read: no read is started on them.
    const server = createServer({ pauseOnConnect: kind === 'tcp' }, (socket) =>
      handle(kind, socket),
    );
    listeners.set(`${address}:${port}`, server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: address, port: Number(port), backlog: 64 }, resolve);
    });
  }),
);
process.stdout.write(`listening ${listeners.size}\n`);

process.on('SIGUSR1', () => {
  const sample = readFileSync(sampleFile, 'utf8').split('\n').filter(Boolean);
  const out = [];
  for (const key of sample) {
    // close() releases the listening socket at once; new connects are refused from here on.
    listeners.get(key)?.close();
    out.push(`closed ${Date.now()} ${key}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
});
process.on('SIGUSR2', () => process.stdout.write(`connections ${Date.now()} ${connections}\n`));
