import * as grpc from '@grpc/grpc-js';
import { loadCexgw } from '@cexgw/grpc';

// gRPC clients of the services as a user outside the containers reaches them: through the
// ports published on 127.0.0.1, market data in plaintext, trading over TLS with the client
// token (call credentials, so every call carries it).

export const BTC = { base: 'BTC', quote: 'USDT' };

export function marketDataAt(port: number) {
  return new (loadCexgw().MarketData)(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}

export function tradingAt(port: number, tlsCert: Buffer, token: string) {
  const v1 = loadCexgw();
  const bearer = grpc.credentials.createFromMetadataGenerator((_params, callback) => {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${token}`);
    callback(null, metadata);
  });
  // The self-signed pair of scripts/dev-secrets.js names localhost (and 127.0.0.1): verified as
  // localhost, the name TLS's SNI can carry (an IP address cannot be a server name).
  const credentials = grpc.credentials.combineChannelCredentials(grpc.credentials.createSsl(tlsCert), bearer);
  const address = `127.0.0.1:${port}`;
  const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
  return { trading: new v1.Trading(address, credentials, options), futures: new v1.FuturesTrading(address, credentials, options) };
}

export function unary<T>(client: grpc.Client, method: string, request: object, deadlineMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    (client as any)[method](request, { deadline: Date.now() + deadlineMs }, (error: grpc.ServiceError | null, value: T) =>
      error ? reject(new Error(`${method}: ${grpc.status[error.code]} ${error.details}`)) : resolve(value),
    );
  });
}

/** The first message of a server stream, then the call is cancelled. */
export function firstMessage<T>(client: grpc.Client, method: string, request: object, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const call = (client as any)[method](request) as grpc.ClientReadableStream<T>;
    const timer = setTimeout(() => {
      call.cancel();
      reject(new Error(`${method}: no message within ${timeoutMs} ms`));
    }, timeoutMs);
    call.once('data', (message: T) => {
      clearTimeout(timer);
      call.cancel();
      resolve(message);
    });
    call.on('error', (error: grpc.ServiceError) => {
      clearTimeout(timer);
      if (error.code !== grpc.status.CANCELLED) reject(new Error(`${method}: ${grpc.status[error.code]} ${error.details}`));
    });
  });
}

/** The fields of cexgw.v1.Fill that the container tests compare. */
export type StreamedFill = Record<'cursor' | 'fill_id' | 'client_order_id' | 'quantity', string>;

/** StreamFills from a cursor, collecting every fill until closed. */
export function followFills(trading: grpc.Client, afterCursor: string) {
  const fills: StreamedFill[] = [];
  const call = (trading as any).StreamFills({ after_cursor: afterCursor }) as grpc.ClientReadableStream<StreamedFill>;
  call.on('data', (fill: StreamedFill) => fills.push(fill));
  call.on('error', () => {}); // ends with the container it streams from
  return { fills, close: () => call.cancel() };
}

// Prices as integers of their last decimal place, so that test prices are exact too.
const units = (price: string) => ({ value: BigInt(price.replace('.', '')), places: price.split('.')[1]?.length ?? 0 });
function decimal(value: bigint, places: number): string {
  const digits = value.toString().padStart(places + 1, '0');
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** `price` scaled by numerator/denominator, rounded down to the same decimal places. */
export function scalePrice(price: string, numerator: bigint, denominator: bigint): string {
  const { value, places } = units(price);
  return decimal((value * numerator) / denominator, places);
}

/** One price step (the last decimal place of `price`) above it. */
export function oneTickAbove(price: string): string {
  const { value, places } = units(price);
  return decimal(value + 1n, places);
}

/** -1, 0 or 1 as a < b, a = b, a > b, for decimal strings of any scale. */
export function compareDecimal(a: string, b: string): number {
  const x = units(a);
  const y = units(b);
  const places = Math.max(x.places, y.places);
  const left = x.value * 10n ** BigInt(places - x.places);
  const right = y.value * 10n ** BigInt(places - y.places);
  return left < right ? -1 : left > right ? 1 : 0;
}
