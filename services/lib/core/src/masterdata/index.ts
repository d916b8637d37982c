export * from './schema.js';
export { loadMasterData, crossCheck } from './load.js';
export { createRouter, type Router, type ResolvedRoute } from './router.js';
