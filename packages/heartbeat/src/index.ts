export * from './packet.js';
export * from './auth.js';
export * from './wire.js';
export * from './state.js';
export { start, step } from './step.js';
export { HANDOVER_WAIT_MS } from './actions.js';
