export * from './model.js';
export * from './diagnostics.js';
export * from './keywords.js';
export * from './parser.js';
export * from './source.js';
export { lookupWellKnownService, parseServicesFile } from './services.js';
export { parseCInteger, parseIPv4, isIPv4, netmaskBits } from './values.js';
export { splitLines } from './lexer.js';
