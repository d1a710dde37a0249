export * from './addresses.js';
export * from './arp.js';
export * from './ip-json.js';
export * from './floating.js';
export * from './netlink.js';
