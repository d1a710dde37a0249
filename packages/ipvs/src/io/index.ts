export * from './ipvsadm.js';
