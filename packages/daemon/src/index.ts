export * from './logger.js';
export * from './cli.js';
export * from './pidfile.js';
export * from './message-connection.js';
export * from './socket-server.js';
export * from './socket-client.js';
export * from './background.js';
export * from './rundir.js';
