import { fileURLToPath } from 'node:url';
import * as protoLoader from '@grpc/proto-loader';
import * as grpc from '@grpc/grpc-js';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { fixMapEntryNames } from './map-entry-names.js';
import type { ProtoGrpcType as MarketDataProto } from './generated/market_data.js';
import type { ProtoGrpcType as FuturesMarketDataProto } from './generated/futures_market_data.js';
import type { ProtoGrpcType as TradingProto } from './generated/trading.js';
import type { ProtoGrpcType as FuturesTradingProto } from './generated/futures_trading.js';
import type { ProtoGrpcType as DiagnosticsProto } from './generated/diagnostics.js';

/** The repository's protos/ folder, found relative to this file (src/ or dist/). */
export const PROTO_ROOT = fileURLToPath(new URL('../../../protos/', import.meta.url));

export const CEXGW_PROTO_FILES = [
  'cexgw/v1/common.proto',
  'cexgw/v1/market_data.proto',
  'cexgw/v1/futures_market_data.proto',
  'cexgw/v1/trading.proto',
  'cexgw/v1/futures_trading.proto',
  'cexgw/v1/diagnostics.proto',
];

/**
 * How messages appear in JavaScript. Must match the generator flags in package.json:
 * snake_case field names as in the .proto, 64-bit integers and enums as strings, defaults
 * filled in, oneofs named.
 */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

let cached: protoLoader.PackageDefinition | undefined;

/** cexgw.v1 and grpc.health.v1 in one definition, so reflection describes both. */
export function loadPackageDefinition(): protoLoader.PackageDefinition {
  cached ??= fixMapEntryNames(protoLoader.loadSync([...CEXGW_PROTO_FILES, healthProtoPath], LOADER_OPTIONS));
  return cached;
}

export type CexgwProto = MarketDataProto & FuturesMarketDataProto & TradingProto & FuturesTradingProto & DiagnosticsProto;

export function loadCexgw(): CexgwProto['cexgw']['v1'] {
  const loaded = grpc.loadPackageDefinition(loadPackageDefinition()) as unknown as CexgwProto;
  return loaded.cexgw.v1;
}
