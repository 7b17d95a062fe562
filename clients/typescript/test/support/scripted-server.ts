import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';

// An in-process gRPC server on loopback whose handlers a test scripts: for what the real gateway
// never does on purpose (skip a sequence number, answer as a standby, lose an answer), so the
// SDK's side of each contract is tested deterministically.

export interface ScriptedServer {
  readonly address: string;
  readonly health: HealthImplementation;
  stop(): Promise<void>;
}

export async function startScripted(services: Array<[grpc.ServiceDefinition, grpc.UntypedServiceImplementation]>, status: ServingStatus = 'SERVING', port = 0): Promise<ScriptedServer> {
  const server = new grpc.Server();
  for (const [definition, implementation] of services) server.addService(definition, implementation);
  const health = new HealthImplementation({ '': status });
  health.addToServer(server);
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${bound}`,
    health,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())).then(() => server.forceShutdown()),
  };
}

/** A status error with the gateway's cexgw-* trailers. */
export function gatewayStatus(code: grpc.status, details: string, trailers: Record<string, string> = {}): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
}
