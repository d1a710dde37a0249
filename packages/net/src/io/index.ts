export * from './packet-socket.js';
export * from './interface.js';
