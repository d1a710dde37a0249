// piranha-status entry point: one status report (text or JSON) and its exit status, or the
// Prometheus endpoint until SIGTERM.
import { createLogger, parseArgv, userError } from '@piranha-ts/daemon';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitStatus, jsonReport } from './answers.js';
import { PROGRAM, statusCommand, statusOptions, type StatusRun } from './cli.js';
import { serveMetrics } from './io/exporter.js';
import { queryDaemons } from './io/query.js';
import { statusText } from './text.js';

type PrintRun = Extract<StatusRun, { kind: 'print' }>;
type ServeRun = Extract<StatusRun, { kind: 'serve' }>;

async function print(run: PrintRun): Promise<number> {
  const answers = await queryDaemons(run.sockets);
  const text = run.json
    ? JSON.stringify(jsonReport(answers), null, 2)
    : statusText(answers, Date.now());
  process.stdout.write(`${text}\n`);
  return exitStatus(answers);
}

async function serve(run: ServeRun): Promise<number> {
  const logger = createLogger({ program: PROGRAM, foreground: !run.syslog, verbose: run.verbose });
  const listening = await serveMetrics(run.listen, run.sockets, logger);
  if (!listening.ok) {
    logger.error(`cannot listen on ${run.listen.host}:${run.listen.port}: ${listening.message}`);
    return EXIT_FAILED;
  }
  logger.info(`serving metrics on ${run.listen.host}:${run.listen.port}/metrics`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info(`${signal}: stopping`);
  listening.server.closeAllConnections();
  await new Promise((resolve) => listening.server.close(resolve));
  return EXIT_OK;
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = statusCommand();
  const early = parseArgv(command, argv);
  // parseArgv's 1 for a bad option becomes the usage status 2.
  if (early !== undefined) return early === 0 ? EXIT_OK : EXIT_USAGE;
  const parsed = statusOptions(command.opts(), process.env);
  if (!parsed.ok) {
    userError(PROGRAM, parsed.message);
    return EXIT_USAGE;
  }
  return parsed.run.kind === 'print' ? print(parsed.run) : serve(parsed.run);
}
