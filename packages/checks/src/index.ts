export * from './bytes.js';
export * from './ere/index.js';
export * from './escapes.js';
