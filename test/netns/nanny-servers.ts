// Real servers for the nanny netns tests, each its own process inside the servers' namespace
// so one can be stopped and started: HTTP (node http), an FTP-like greeter, a UDP echo.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';

const SCRIPT = `
import { createServer } from 'node:http';
import { createServer as tcp } from 'node:net';
import { createSocket } from 'node:dgram';
const [kind, port, address] = process.argv.slice(2);
const ready = () => {};
if (kind === 'http') {
  createServer((req, res) => res.end('hello')).listen(Number(port), address, ready);
} else if (kind === 'banner') {
  tcp((s) => { s.on('error', () => {}); s.end('220 piranha FTP ready\\r\\n'); }).listen(Number(port), address, ready);
} else {
  const u = createSocket('udp4');
  u.on('message', (m, from) => u.send(m, from.port, from.address));
  u.bind(Number(port), address, ready);
}
`;

export async function writeServerScript(dir: string): Promise<string> {
  const file = join(dir, 'server.mjs');
  await writeFile(file, SCRIPT);
  return file;
}

export type ServerKind = 'http' | 'banner' | 'udp';

/** Starts one server in the namespace and resolves once it listens. */
export async function startServer(
  ns: string,
  script: string,
  kind: ServerKind,
  port: number,
  address: string,
): Promise<RunningServer> {
  const child = execa(
    'ip',
    ['netns', 'exec', ns, process.execPath, script, kind, String(port), address],
    {
      reject: false,
      stdin: 'ignore',
    },
  );
  // Listening, as the namespace's socket table shows it.
  const table = [
    'netns',
    'exec',
    ns,
    'ss',
    '-Hn',
    kind === 'udp' ? '-lu' : '-lt',
    `sport = :${port}`,
  ];
  for (let i = 0; i < 200; i += 1) {
    if ((await execa('ip', table, { reject: false })).stdout.trim() !== '') return { child };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${kind} server on port ${port} did not start`);
}

/** Wrapped: an execa child is a promise, and returning it from an async function would wait for its exit. */
export interface RunningServer {
  readonly child: ResultPromise;
}

export async function stopServer(server: RunningServer): Promise<void> {
  server.child.kill('SIGKILL');
  await server.child;
}
