import * as grpc from '@grpc/grpc-js';
import type { ClientConstructor, Endpoint } from './endpoint.js';
import { toGatewayError } from './errors.js';

/** A generated client's unary method, called with everything it takes. */
export type UnaryCall<C, R> = (client: C, metadata: grpc.Metadata, options: Partial<grpc.CallOptions>, callback: (error: grpc.ServiceError | null, response: R) => void) => grpc.ClientUnaryCall;

export const DEFAULT_DEADLINE_MS = 10_000;

/**
 * One unary call on the endpoint's active address, with a deadline; rejects with a typed
 * GatewayError. UNAVAILABLE marks the address failed, so the next call chooses again (failover).
 */
export async function unary<C, R>(endpoint: Endpoint, Client: ClientConstructor<C>, call: UnaryCall<C, R>, deadlineMs = DEFAULT_DEADLINE_MS): Promise<R> {
  const { client, address } = await endpoint.client(Client);
  try {
    return await new Promise<R>((resolve, reject) => {
      call(client, endpoint.metadata(), { deadline: Date.now() + deadlineMs }, (error, response) => (error ? reject(error) : resolve(response)));
    });
  } catch (error) {
    const typed = toGatewayError(error);
    if (typed.code === grpc.status.UNAVAILABLE) endpoint.failed(address);
    throw typed;
  }
}
