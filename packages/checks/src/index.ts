export * from './bytes.js';
export * from './ere/index.js';
export * from './escapes.js';
export * from './failure.js';
export * from './load.js';
export * from './match.js';
export * from './program.js';
export * from './spec.js';
