export * from './schema.js';
export * from './check.js';
export * from './reads.js';
export * from './routes.js';
export * from './sources/gate-api.js';
export * from './recording-proxy.js';
export * from './rest-traffic.js';
