export * from './table.js';
export {
  formatAddressPort,
  parseAddressPort,
  isIPv4Address,
  isIPv6Address,
  compareAddresses,
} from './addresses.js';
export * from './save-format.js';
export * from './desired.js';
export * from './ops.js';
export * from './diff.js';
export * from './render.js';
export * from './outcome.js';
export * from './proc-listing.js';
