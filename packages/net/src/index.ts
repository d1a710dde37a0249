export * from './addresses.js';
export * from './arp.js';
export * from './ip-json.js';
