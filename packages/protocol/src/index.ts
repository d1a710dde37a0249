export * from './version.js';
export * from './framing.js';
export * from './decode.js';
export * from './nanny.js';
export * from './pulse-status.js';
export * from './lvsd-status.js';
