// The one logger of every daemon: syslog facility daemon with the program's name as ident,
// or `<name>: <message>` lines on stdout in foreground (--nodaemon) mode, as the original.
import winston from 'winston';
import Transport from 'winston-transport';
import { LOG_DEBUG, LOG_ERR, LOG_INFO, LOG_WARNING, openSyslog, writeSyslog } from './syslog.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Printed only in verbose mode, prefixed `DEBUG -- ` like the original. */
  debug(message: string): void;
}

export interface LoggerOptions {
  readonly program: string;
  /** stdout instead of syslog. */
  readonly foreground: boolean;
  readonly verbose: boolean;
  /** Extra stream for tests or for nanny --nodaemon, which logs to both. */
  readonly alsoSyslog?: boolean;
}

const PRIORITY: Record<string, number> = {
  error: LOG_ERR,
  warn: LOG_WARNING,
  info: LOG_INFO,
  debug: LOG_DEBUG,
};

class SyslogTransport extends Transport {
  constructor(ident: string) {
    super();
    openSyslog(ident);
  }

  override log(info: { level: string; message: unknown }, next: () => void): void {
    writeSyslog(PRIORITY[info.level] ?? LOG_INFO, String(info.message));
    next();
  }
}

function stdoutTransport(program: string): Transport {
  return new winston.transports.Console({
    format: winston.format.printf((info) => `${program}: ${String(info.message)}`),
  });
}

export function createLogger(options: LoggerOptions): Logger {
  const transports: Transport[] = [];
  if (options.foreground) transports.push(stdoutTransport(options.program));
  if (!options.foreground || options.alsoSyslog === true) {
    transports.push(new SyslogTransport(options.program));
  }
  const logger = winston.createLogger({ level: options.verbose ? 'debug' : 'info', transports });
  return {
    info: (m) => logger.info(m),
    warn: (m) => logger.warn(m),
    error: (m) => logger.error(m),
    debug: (m) => logger.debug(`DEBUG -- ${m}`),
  };
}
