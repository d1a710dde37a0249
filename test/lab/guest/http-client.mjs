// HTTP client loop for the lab: one new TCP connection per request, answers counted by the
// body each real server sends (its name). Prints one JSON summary line at the end.
//   node http-client.mjs URL --count N
//   node http-client.mjs URL --until FILE     (runs until FILE exists)
import http from 'node:http';
import { existsSync } from 'node:fs';

const [url, mode, arg] = process.argv.slice(2);
if (url === undefined || (mode !== '--count' && mode !== '--until') || arg === undefined) {
  process.stderr.write('usage: http-client.mjs URL --count N | --until FILE\n');
  process.exit(2);
}

function request() {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 3000 }, (res) => {
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
const done = () => (mode === '--count' ? total >= Number(arg) : existsSync(arg));
while (!done()) {
  const answer = await request();
  total += 1;
  if (answer.startsWith('error') || answer.startsWith('status')) failures.push(answer);
  else byServer[answer] = (byServer[answer] ?? 0) + 1;
}
process.stdout.write(
  `${JSON.stringify({ total, failed: failures.length, failures: failures.slice(0, 5), byServer })}\n`,
);
