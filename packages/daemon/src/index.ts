export * from './logger.js';
export * from './cli.js';
export * from './pidfile.js';
