// The Prometheus endpoint: GET /metrics asks both sockets and answers in the text exposition
// format. It keeps no state between scrapes, so a stopped daemon shows at the next scrape.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '@piranha-ts/daemon';
import type { DaemonAnswer } from '../answers.js';
import type { ListenAddress, Sockets } from '../cli.js';
import { EXPOSITION_CONTENT_TYPE, exposition } from '../exposition.js';
import { route } from '../http.js';
import { statusMetrics } from '../metrics.js';
import { queryDaemons } from './query.js';

function describe<S>(answer: DaemonAnswer<S>): string {
  return answer.kind === 'failed' ? `failed (${answer.message})` : answer.kind;
}

async function scrape(sockets: Sockets, logger: Logger): Promise<string> {
  const answers = await queryDaemons(sockets);
  logger.debug(`scrape: pulse ${describe(answers.pulse)}, lvsd ${describe(answers.lvsd)}`);
  return exposition(statusMetrics(answers));
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  sockets: Sockets,
  logger: Logger,
): Promise<void> {
  const decision = route(request.method, request.url);
  if (decision.kind === 'refuse') {
    response.writeHead(decision.status, { 'Content-Type': 'text/plain', ...decision.headers });
    response.end(decision.body);
    return;
  }
  const body = await scrape(sockets, logger);
  response.writeHead(200, {
    'Content-Type': EXPOSITION_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(decision.withBody ? body : undefined);
}

export type ListenResult =
  { readonly ok: true; readonly server: Server } | { readonly ok: false; readonly message: string };

export function serveMetrics(
  listen: ListenAddress,
  sockets: Sockets,
  logger: Logger,
): Promise<ListenResult> {
  const server = createServer((request, response) => {
    handle(request, response, sockets, logger).catch((error: unknown) => {
      logger.error(`scrape failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  return new Promise((resolve) => {
    server.once('error', (error) => resolve({ ok: false, message: error.message }));
    server.listen(listen.port, listen.host, () => resolve({ ok: true, server }));
  });
}
