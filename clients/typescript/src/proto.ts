// Every generated cexgw.v1 type, codec and client under one namespace: `import { proto } from '@cexgw/client'`.
export * from './generated/cexgw/v1/common.js';
export * from './generated/cexgw/v1/market_data.js';
export * from './generated/cexgw/v1/futures_market_data.js';
export * from './generated/cexgw/v1/trading.js';
export * from './generated/cexgw/v1/futures_trading.js';
export * from './generated/cexgw/v1/diagnostics.js';
