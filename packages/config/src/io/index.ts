export * from './load.js';
export * from './write.js';
