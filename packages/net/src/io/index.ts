export * from './packet-socket.js';
export * from './interface.js';
export * from './netlink-socket.js';
export { runIp, listPrimaryAddresses } from './ip.js';
export type { IpOptions, IpResult, PrimaryAddressesResult } from './ip.js';
