import * as grpc from '@grpc/grpc-js';

// Calls on a @grpc/grpc-js client by method name, as the end-to-end suites make them.

/** A unary call's answer or its error, never a rejection. */
export function call<T>(client: any, method: string, request: object, metadata?: grpc.Metadata): Promise<{ value?: T; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const done = (error: grpc.ServiceError | null, value: T) => resolve(error ? { error } : { value });
    if (metadata) client[method](request, metadata, done);
    else client[method](request, done);
  });
}

/** A unary call's answer; its error is thrown with the status name. */
export async function ok<T = any>(client: any, method: string, request: object, metadata?: grpc.Metadata): Promise<T> {
  const { value, error } = await call<T>(client, method, request, metadata);
  if (error) throw new Error(`${method}: ${grpc.status[error.code]} ${error.details}`);
  return value!;
}

/** A call that must be refused: its status name, details and the venue's own code. */
export async function refused(client: any, method: string, request: object, metadata?: grpc.Metadata): Promise<{ code: string; details: string; venueCode: string }> {
  const { error } = await call(client, method, request, metadata);
  if (!error) throw new Error(`${method} was accepted; expected a refusal`);
  return { code: grpc.status[error.code], details: error.details, venueCode: String(error.metadata?.get('cexgw-venue-code')[0] ?? '') };
}

/** Collects a server stream's messages until cancelled. */
export function follow<T = any>(client: any, method: string, request: object, metadata?: grpc.Metadata) {
  const items: T[] = [];
  const stream = (metadata ? client[method](request, metadata) : client[method](request)) as grpc.ClientReadableStream<T>;
  stream.on('data', (item: T) => items.push(item));
  stream.on('error', () => {});
  // The service sends its headers once the subscription is in place: no later event is missed.
  const subscribed = new Promise<void>((resolve) => stream.once('metadata', () => resolve()));
  return { items, stream, subscribed, last: () => items.at(-1) };
}
