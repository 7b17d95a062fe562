import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { loadPackageDefinition, type CexgwProto } from '@cexgw/grpc/proto';
import { Endpoint } from '@cexgw/client';
import { flag, positiveInt, stringValue, type Values } from './args.js';
import { UsageError } from './errors.js';
import { resolveToken } from './token.js';

// One gRPC channel to one gateway process, built from the common flags. The repository's
// protos/ are loaded by libs/grpc's loader (cexgw.v1 and grpc.health.v1 in one definition);
// nothing else of the gateway is imported.

type Loaded = CexgwProto & { grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } } };

let loaded: Loaded | undefined;

export function protos(): Loaded {
  loaded ??= grpc.loadPackageDefinition(loadPackageDefinition()) as unknown as Loaded;
  return loaded;
}

export interface Target {
  readonly address: string;
  readonly credentials: grpc.ChannelCredentials;
  readonly timeoutMs: number;
  /** Present only for commands that send it; never printed. */
  readonly token?: string;
  readonly channelOptions: grpc.ChannelOptions;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function credentialsFrom(values: Values): grpc.ChannelCredentials {
  const ca = stringValue(values, 'ca');
  const cert = stringValue(values, 'cert');
  const key = stringValue(values, 'key');
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('mutual TLS needs both --cert and --key');
  if (!flag(values, 'tls') && ca === undefined && cert === undefined) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(ca === undefined ? null : readPem(ca, '--ca'), key === undefined ? null : readPem(key, '--key'), cert === undefined ? null : readPem(cert, '--cert'));
}

export function targetFrom(values: Values, env: NodeJS.ProcessEnv, command: string, withToken = false): Target {
  const address = stringValue(values, 'addr') ?? '';
  if (!address) throw new UsageError('--addr is required', command);
  return {
    address,
    credentials: credentialsFrom(values),
    timeoutMs: positiveInt(values, 'timeout', command) ?? 10_000,
    token: withToken ? resolveToken({ token: stringValue(values, 'token'), tokenFile: stringValue(values, 'token-file') }, env) : undefined,
    channelOptions: { 'grpc.primary_user_agent': 'cexgw-cli/0.1' },
  };
}

export type ServiceName = 'MarketData' | 'Trading' | 'FuturesTrading' | 'Diagnostics';

export function client(target: Target, service: ServiceName | 'Health'): grpc.Client {
  const ctor = service === 'Health' ? protos().grpc.health.v1.Health : (protos().cexgw.v1[service] as unknown as grpc.ServiceClientConstructor);
  return new ctor(target.address, target.credentials, target.channelOptions);
}

/** Call metadata: the bearer token when the target carries one (per call, so plaintext loopback works). */
export function metadataFor(target: Target): grpc.Metadata {
  const metadata = new grpc.Metadata();
  if (target.token !== undefined) metadata.set('authorization', `Bearer ${target.token}`);
  return metadata;
}

/** The target as an @cexgw/client Endpoint (same address, TLS and token). */
export function endpointFrom(target: Target): Endpoint {
  return new Endpoint({ addresses: target.address, credentials: target.credentials, token: target.token, channelOptions: target.channelOptions });
}
