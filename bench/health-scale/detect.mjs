#!/usr/bin/env node
// Detection latency of the closed servers: the first `reports down` line lvsd printed for each
// (its stamp.mjs time) after the farm closed it, minus the close time; with FORMAT keepalived,
// keepalived's `Removing service` line instead.
//   node detect.mjs SERVERS_FILE FARM_OUTPUT LOG [lvsd|keepalived]
// Prints one line per kind (http, tcp, all): KIND CLOSED DETECTED P50 P90 P99 MAX (ms, `-`
// when nothing was detected), then `missed ADDRESS:PORT` for each closed server never reported.
import { readFileSync } from 'node:fs';

const [serversFile, farmOutput, log, format = 'lvsd'] = process.argv.slice(2);
const lines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

const kindOf = new Map(
  lines(serversFile).map((line) => {
    const [kind, address, port] = line.split(' ');
    return [`${address}:${port}`, kind];
  }),
);
const closedAt = new Map();
for (const line of lines(farmOutput)) {
  const [word, ms, key] = line.split(' ');
  if (word === 'closed') closedAt.set(key, Number(ms));
}
const DOWN = {
  // `MS lvsd: monitor svcN/rsK (tcp:VIP:PORT/RIP:RPORT) reports down: REASON`
  lvsd: /^(\d+) .*\(\w+:[^/]+\/([\d.]+):(\d+)\) reports down/,
  // `MS ... Removing service [RIP]:tcp:RPORT to VS [VIP]:tcp:VPORT`
  keepalived: /^(\d+) .*Removing service \[([\d.]+)\]:(?:\w+:)?(\d+)/,
}[format];
const downAt = new Map();
for (const line of lines(log)) {
  const match = DOWN.exec(line);
  if (match === null) continue;
  const [, ms, address, port] = match;
  const key = `${address}:${port}`;
  const closed = closedAt.get(key);
  if (closed !== undefined && Number(ms) >= closed && !downAt.has(key)) downAt.set(key, Number(ms));
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const out = [];
for (const kind of ['http', 'tcp', 'all']) {
  const keys = [...closedAt.keys()].filter((k) => kind === 'all' || kindOf.get(k) === kind);
  const latencies = keys
    .filter((k) => downAt.has(k))
    .map((k) => downAt.get(k) - closedAt.get(k))
    .sort((a, b) => a - b);
  const stats =
    latencies.length === 0
      ? ['-', '-', '-', '-']
      : [50, 90, 99, 100].map((p) => percentile(latencies, p));
  out.push([kind, keys.length, latencies.length, ...stats].join(' '));
}
for (const key of closedAt.keys()) if (!downAt.has(key)) out.push(`missed ${key}`);
process.stdout.write(`${out.join('\n')}\n`);
