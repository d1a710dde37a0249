export * from './packet.js';
export * from './auth.js';
export * from './wire.js';
