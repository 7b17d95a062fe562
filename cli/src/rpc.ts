import * as grpc from '@grpc/grpc-js';
import { client, metadataFor, type ServiceName, type Target } from './connection.js';

type Callback<T> = (error: grpc.ServiceError | null, value?: T) => void;
type UnaryMethod = (request: object, metadata: grpc.Metadata, options: grpc.CallOptions, callback: Callback<unknown>) => grpc.ClientUnaryCall;
type StreamMethod = (request: object, metadata: grpc.Metadata) => grpc.ClientReadableStream<unknown>;

/** One unary call with the target's deadline; rejects with the grpc.ServiceError as received. */
export async function unary<T>(target: Target, service: ServiceName | 'Health', method: string, request: object): Promise<T> {
  const stub = client(target, service);
  try {
    return await new Promise<T>((resolve, reject) => {
      const call = (stub as unknown as Record<string, UnaryMethod>)[method]!.bind(stub);
      call(request, metadataFor(target), { deadline: Date.now() + target.timeoutMs }, (error, value) => (error ? reject(error) : resolve(value as T)));
    });
  } finally {
    stub.close();
  }
}

export interface TailOptions {
  /** Stop (exit 0) after this many messages. */
  readonly count?: number;
}

/**
 * Follows a server stream, calling onMessage for each message, until the server ends it
 * (resolves), onMessage returns false, `count` messages arrived or SIGINT/SIGTERM (cancels,
 * resolves), or the stream fails (rejects with the grpc.ServiceError).
 */
export async function tail<T>(target: Target, service: ServiceName, method: string, request: object, onMessage: (message: T) => boolean | void, options: TailOptions = {}): Promise<void> {
  const stub = client(target, service);
  const stream = (stub as unknown as Record<string, StreamMethod>)[method]!.call(stub, request, metadataFor(target)) as grpc.ClientReadableStream<T>;
  let seen = 0;
  let stopping = false;
  const stop = () => {
    stopping = true;
    stream.cancel();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (message: T) => {
        if (stopping) return;
        let more: boolean | void;
        try {
          more = onMessage(message);
        } catch (error) {
          stop();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (more === false || (options.count !== undefined && ++seen >= options.count)) stop();
      });
      stream.on('error', (error: grpc.ServiceError) => (stopping && error.code === grpc.status.CANCELLED ? resolve() : reject(error)));
      stream.on('end', () => resolve());
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    stub.close();
  }
}
