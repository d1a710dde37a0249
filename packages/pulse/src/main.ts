// pulse entry point (reference 4.2): options, lvs.cf, role, heartbeat key and sockets, then
// into the background and the loop. Errors before the loop go to stderr with exit status 1.
import { describeLoadFailure, describeWarnings, loadLvsCf } from '@piranha-ts/config/io';
import type { LvsConfig } from '@piranha-ts/config';
import {
  continueInBackground,
  createLogger,
  parseArgv,
  runRealtime,
  userError,
  writePidFile,
} from '@piranha-ts/daemon';
import { listPrimaryAddresses } from '@piranha-ts/net/io';
import type { PrimaryAddress } from '@piranha-ts/net';
import { lvsdCommand } from './argv.js';
import { pulseCommand, pulseOptions, type PulseCliOptions } from './cli.js';
import { runDaemon } from './daemon.js';
import { loadHeartbeatKey } from './io/key.js';
import { HeartbeatSockets } from './io/sockets.js';
import { pulseSocketPath, queryStatus } from './io/status-socket.js';
import { describeStatus } from './status.js';
import { pulseSettings, type PulseSettings } from './settings.js';
import { planStartup, type StartupPlan } from './startup.js';

/** --check: the start-up decisions, printed; nothing is bound or started. */
function reportCheck(file: string, plan: StartupPlan): number {
  process.stdout.write(
    `pulse: ${file} is valid: ${plan.activeServices} active ${plan.config.service} service(s); ` +
      `this router is the ${plan.role === 'master' ? 'primary' : 'backup'} (heartbeat on ${plan.bindAddress}:${plan.config.heartbeatPort})\n`,
  );
  return 0;
}

async function heartbeatKey(options: PulseCliOptions) {
  if (options.heartbeatKey === undefined) return { ok: true as const, key: undefined };
  return loadHeartbeatKey(options.heartbeatKey);
}

function linkInterfaces(settings: PulseSettings, primaries: readonly PrimaryAddress[]) {
  const own = settings.heartbeat.own;
  const ifnameOf = (address: string | undefined) =>
    primaries.find((p) => p.address === address)?.ifname;
  const links: { public?: string; private?: string } = {};
  const pub = ifnameOf(own.public);
  const priv = ifnameOf(own.private);
  if (pub !== undefined) links.public = pub;
  if (priv !== undefined) links.private = priv;
  return links;
}

/** --status: the running pulse's answer on its socket. */
async function printStatus(json: boolean): Promise<number> {
  const answer = await queryStatus(pulseSocketPath());
  if (!answer.ok) return userError('pulse', `no status: ${answer.error.message}`);
  if (answer.value.type === 'error') return userError('pulse', answer.value.message);
  const text = json ? JSON.stringify(answer.value) : describeStatus(answer.value);
  process.stdout.write(`${text}\n`);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = pulseCommand(process.argv[1] ?? '/usr/sbin/pulse');
  const early = parseArgv(command, argv);
  if (early !== undefined) return early;
  const parsed = pulseOptions(command.opts());
  if (!parsed.ok) return userError('pulse', parsed.message);
  const { options } = parsed;
  if (options.status) return printStatus(options.json);
  const file = options.configfile;
  const loaded = await loadLvsCf(file);
  if (!loaded.ok) {
    process.stderr.write(`${describeLoadFailure('pulse', file, loaded)}\n`);
    return 1;
  }
  for (const line of describeWarnings(file, loaded.diagnostics)) process.stderr.write(`${line}\n`);
  const primaries = await listPrimaryAddresses();
  if (!primaries.ok)
    return userError('pulse', `cannot list interface addresses: ${primaries.message}`);
  const started = planStartup(
    loaded.config,
    file,
    primaries.addresses.map((a) => a.address),
  );
  const detaching = !options.nodaemon && !options.nofork && !options.check;
  const logger = createLogger({
    program: 'pulse',
    foreground: options.nodaemon || options.check,
    verbose: options.verbose,
  });
  if (!started.ok) {
    for (const line of started.log) logger.info(line);
    return started.exitCode === 255 ? 255 : userError('pulse', started.message);
  }
  if (options.check) {
    for (const line of started.plan.log) logger.info(line);
    return reportCheck(file, started.plan);
  }
  if (loaded.config.service === 'fos') {
    return userError(
      'pulse',
      'service = fos (failover services) is not supported; use service = lvs',
    );
  }
  const key = await heartbeatKey(options);
  if (!key.ok) return userError('pulse', key.message);
  const settings = pulseSettings(started.plan, { forceActive: options.forceactive }, key.key);
  const bound = await HeartbeatSockets.bind(settings.heartbeat);
  if (!bound.ok) {
    logger.error(`failed to bind to heartbeat address: ${bound.message}`);
    return userError('pulse', 'cannot create heartbeat socket. running as root?');
  }
  if (detaching) {
    bound.sockets.close();
    return continueInBackground(argv);
  }
  for (const line of started.plan.log) logger.info(line);
  if (options.rtPriority !== undefined) {
    const realtime = runRealtime(options.rtPriority);
    if (!realtime.ok) logger.warn(`cannot run at real-time priority: ${realtime.message}`);
  }
  const pidError = await writePidFile(options.pidfile, process.pid);
  if (pidError !== undefined) logger.error(pidError);
  return runDaemon({
    settings,
    sockets: bound.sockets,
    logger,
    verbose: options.verbose,
    testStart: options.testStart,
    lvsd: lvsdCommand(options.lvsd, file, {
      foreground: options.nodaemon,
      verbose: options.verbose,
    }),
    warmStandby: options.warmStandby,
    sendArp: options.sendArp,
    sync: syncOf(loaded.config),
    linkInterfaces: linkInterfaces(settings, primaries.addresses),
    pidfile: options.pidfile,
  });
}

function syncOf(config: LvsConfig) {
  return { ipvsadm: config.ipvsadm, iface: config.syncdIface, id: config.syncdId };
}
