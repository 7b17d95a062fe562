import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { loadPackageDefinition } from './proto.js';
import { malformedRequestInterceptor, withTolerantRequestDecoding } from './request-decoding.js';

/** A grpc-js server whose services answer undecodable requests with INVALID_ARGUMENT, not INTERNAL. */
class GatewayGrpcServer extends grpc.Server {
  override addService(service: grpc.ServiceDefinition, implementation: grpc.UntypedServiceImplementation): void {
    super.addService(withTolerantRequestDecoding(service), implementation);
  }
}

export interface GatewayServer {
  readonly server: grpc.Server;
  readonly health: HealthImplementation;
  /** Binds and returns the bound port (useful with port 0). */
  listen(address: string, credentials?: grpc.ServerCredentials): Promise<number>;
  /** Stops accepting calls, lets running unary calls finish for up to `graceMs`, then ends streams. */
  shutdown(graceMs?: number): Promise<void>;
}

export interface GatewayServerOptions {
  /** Server interceptors, e.g. clientTokenInterceptor for private services. */
  readonly interceptors?: grpc.ServerInterceptor[];
}

/** A gRPC server with grpc.health.v1 and server reflection already registered. */
export function createGatewayServer(options: GatewayServerOptions = {}): GatewayServer {
  const server = new GatewayGrpcServer({
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.max_receive_message_length': 1024 * 1024,
    interceptors: [...(options.interceptors ?? []), malformedRequestInterceptor()],
  });
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  health.addToServer(server);
  new ReflectionService(loadPackageDefinition()).addToServer(server);
  return {
    server,
    health,
    listen(address, credentials = grpc.ServerCredentials.createInsecure()) {
      return new Promise((resolve, reject) => {
        server.bindAsync(address, credentials, (error, port) => (error ? reject(error) : resolve(port)));
      });
    },
    shutdown(graceMs = 5_000) {
      return new Promise((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
