import * as grpc from '@grpc/grpc-js';
import { loadCexgw } from '@cexgw/grpc/proto';

// gRPC clients of the services, with the gateway token on every trading call.

const CHANNEL_OPTIONS = { 'grpc.initial_reconnect_backoff_ms': 50, 'grpc.max_reconnect_backoff_ms': 500 };

export function tradingClients(address: string, token: string) {
  const v1 = loadCexgw();
  const metadata = () => {
    const m = new grpc.Metadata();
    m.set('authorization', `Bearer ${token}`);
    return m;
  };
  const insecure = grpc.credentials.createInsecure();
  return {
    trading: new v1.Trading(address, insecure, CHANNEL_OPTIONS) as any,
    futures: new v1.FuturesTrading(address, insecure, CHANNEL_OPTIONS) as any,
    metadata,
    close(): void {
      this.trading.close();
      this.futures.close();
    },
  };
}

export type TradingClients = ReturnType<typeof tradingClients>;

export function marketDataClient(address: string): any {
  return new (loadCexgw().MarketData)(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

export function unary<T = any>(client: any, method: string, request: object, metadata?: grpc.Metadata, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const options = { deadline: Date.now() + timeoutMs };
    const done = (error: grpc.ServiceError | null, value: T) => (error ? reject(error) : resolve(value));
    if (metadata) client[method](request, metadata, options, done);
    else client[method](request, options, done);
  });
}

export function isServiceError(error: unknown): error is grpc.ServiceError {
  return typeof error === 'object' && error !== null && typeof (error as grpc.ServiceError).code === 'number';
}
