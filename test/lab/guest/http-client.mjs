// HTTP client loop for the lab: one new TCP connection per request, answers counted by the
// body each real server sends (its name). Prints one JSON summary line at the end.
//   node http-client.mjs URL --count N [--every MS] [--timeout MS]
//   node http-client.mjs URL --until FILE [--every MS] [--timeout MS]     (until FILE exists)
// --every starts a request at most every MS milliseconds (default: back to back); --timeout
// gives up on one after MS (default 3000). The summary also measures outages: maxGapMs is the
// longest time from a success to the next one (gapFrom/gapTo: their epoch ms), maxFailRun the
// longest run of failed requests.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const [url, mode, arg, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const at = rest.indexOf(name);
  return at < 0 ? fallback : Number(rest[at + 1]);
};
const every = option('--every', 0);
const timeout = option('--timeout', 3000);
if (url === undefined || (mode !== '--count' && mode !== '--until') || arg === undefined) {
  process.stderr.write(
    'usage: http-client.mjs URL --count N | --until FILE [--every MS] [--timeout MS]\n',
  );
  process.exit(2);
}

function request() {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve(res.statusCode === 200 ? body.trim() : `status ${res.statusCode}`),
      );
      res.on('error', (error) => resolve(`error ${error.code ?? error.message}`));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve(`error ${error.code ?? error.message}`));
  });
}

const byServer = {};
const failures = [];
let total = 0;
let lastSuccess;
let gap = { ms: 0, from: null, to: null };
let failRun = 0;
let maxFailRun = 0;
const done = () => (mode === '--count' ? total >= Number(arg) : existsSync(arg));
while (!done()) {
  const started = Date.now();
  const answer = await request();
  total += 1;
  if (answer.startsWith('error') || answer.startsWith('status')) {
    failures.push(answer);
    maxFailRun = Math.max(maxFailRun, ++failRun);
  } else {
    // A success counts from when its request started: the service was back by then at the latest.
    byServer[answer] = (byServer[answer] ?? 0) + 1;
    failRun = 0;
    if (lastSuccess !== undefined && started - lastSuccess > gap.ms)
      gap = { ms: started - lastSuccess, from: lastSuccess, to: started };
    lastSuccess = Date.now();
  }
  const pause = started + every - Date.now();
  if (pause > 0) await sleep(pause);
}
const summary = { total, failed: failures.length, failures: failures.slice(0, 5), byServer };
const outage = { maxGapMs: gap.ms, gapFrom: gap.from, gapTo: gap.to, maxFailRun };
process.stdout.write(`${JSON.stringify({ ...summary, ...outage })}\n`);
