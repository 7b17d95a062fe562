import * as grpc from '@grpc/grpc-js';

// A request whose bytes are not a valid protobuf message of its type (a field with an impossible
// wire type, a length past the end, a truncated varint) is the client's mistake: INVALID_ARGUMENT
// with a sentence saying so. grpc-js answers INTERNAL "Error deserializing request" when a
// deserializer throws, so every method's deserializer is wrapped to hand such bytes on as a
// marker instead, and an interceptor turns the marker into the status before any handler runs.

/** What a wrapped deserializer returns for bytes that are not a message of the request type. */
export class MalformedRequest {
  constructor(readonly details: string) {}
}

/** The same service definition, each method's request deserializer refusing garbage with a MalformedRequest. */
export function withTolerantRequestDecoding(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const out: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(service as Record<string, grpc.MethodDefinition<unknown, unknown>>)) {
    const deserialize = method.requestDeserialize;
    const typeName = (method as { requestType?: { type?: { name?: string } } }).requestType?.type?.name;
    const what = typeName ? `a ${typeName} message` : `a request of ${method.path}`;
    out[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return deserialize(bytes);
        } catch (error) {
          return new MalformedRequest(`the request (${bytes.length} bytes) is not ${what} in protobuf encoding: ${reasonOf(error)}`);
        }
      },
    };
  }
  return out;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return message ? message.slice(0, 120) : 'it cannot be decoded';
}

/** Ends calls whose request could not be decoded with INVALID_ARGUMENT, before the handler sees them. */
export function malformedRequestInterceptor(): grpc.ServerInterceptor {
  return (_methodDescriptor, call) => {
    let refused = false;
    const listener = new grpc.ServerListenerBuilder()
      .withOnReceiveMessage((message, next) => {
        if (refused) return;
        if (message instanceof MalformedRequest) {
          refused = true;
          const metadata = new grpc.Metadata();
          metadata.set('cexgw-error-class', 'invalid_argument');
          call.sendStatus({ code: grpc.status.INVALID_ARGUMENT, details: message.details, metadata });
          return;
        }
        next(message);
      })
      .withOnReceiveHalfClose((next) => {
        if (!refused) next();
      })
      .build();
    const responder = new grpc.ResponderBuilder().withStart((next) => next(listener)).build();
    return new grpc.ServerInterceptingCall(call, responder);
  };
}
