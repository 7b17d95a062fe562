import * as grpc from '@grpc/grpc-js';
import { HealthCheckResponse_ServingStatus, HealthClient } from './generated/health/v1/health.js';
import { UnavailableError } from './errors.js';

export interface EndpointOptions {
  /**
   * One gateway service at one or more addresses ("host:port"), e.g. an active/standby pair: calls
   * go to the first address, in this order, whose grpc.health.v1 answers SERVING.
   */
  readonly addresses: string | readonly string[];
  /** Default: plaintext (loopback). grpc.credentials.createSsl(...) for TLS. */
  readonly credentials?: grpc.ChannelCredentials;
  /** The gateway client token of trading services, sent as `authorization: Bearer` on every call. */
  readonly token?: string;
  readonly channelOptions?: grpc.ChannelOptions;
  /** Deadline of each health check, ms. Default 1000. */
  readonly healthCheckTimeoutMs?: number;
}

/** Anything an SDK class accepts as its gateway: an Endpoint, its options, or addresses. */
export type EndpointLike = Endpoint | EndpointOptions | string | readonly string[];

// A dead address must not hold a follower back for grpc-js' default reconnect backoff (up to 120 s).
const DEFAULT_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 2_000,
  'grpc.keepalive_time_ms': 20_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.primary_user_agent': 'cexgw-client-ts/0.1',
};

/** A generated gRPC client class (cexgw.v1.Trading, ...). */
export type ClientConstructor<T> = new (address: string, credentials: grpc.ChannelCredentials, options?: Partial<grpc.ClientOptions>) => T;

/**
 * One gateway service reached through one or more addresses, health-aware: the active address is
 * the first that answers SERVING (a hot standby answers NOT_SERVING and is skipped, a dead address
 * fails its check), chosen lazily and kept until a call on it fails, then chosen again. One
 * channel per address, shared by every client built here.
 */
export class Endpoint {
  readonly addresses: readonly string[];
  private readonly credentials: grpc.ChannelCredentials;
  private readonly channelOptions: grpc.ChannelOptions;
  private readonly healthCheckTimeoutMs: number;
  private readonly channels = new Map<string, grpc.Channel>();
  private readonly clients = new Map<unknown, Map<string, unknown>>();
  private readonly callMetadata: grpc.Metadata;
  private active: string | undefined;
  private choosing: Promise<string> | undefined;
  private closed = false;

  constructor(options: EndpointOptions) {
    this.addresses = typeof options.addresses === 'string' ? [options.addresses] : [...options.addresses];
    if (this.addresses.length === 0) throw new Error('an endpoint needs at least one address');
    this.credentials = options.credentials ?? grpc.credentials.createInsecure();
    this.channelOptions = { ...DEFAULT_CHANNEL_OPTIONS, ...options.channelOptions };
    this.healthCheckTimeoutMs = options.healthCheckTimeoutMs ?? 1_000;
    this.callMetadata = new grpc.Metadata();
    if (options.token !== undefined) this.callMetadata.set('authorization', `Bearer ${options.token}`);
  }

  static from(target: EndpointLike): Endpoint {
    if (target instanceof Endpoint) return target;
    if (typeof target === 'string' || Array.isArray(target)) return new Endpoint({ addresses: target as string | string[] });
    return new Endpoint(target as EndpointOptions);
  }

  /** Metadata for one call (the token, when configured). */
  metadata(): grpc.Metadata {
    return this.callMetadata.clone();
  }

  /** The address calls go to now, choosing one first if needed. Rejects with UnavailableError when none is SERVING. */
  address(): Promise<string> {
    if (this.closed) return Promise.reject(new Error('endpoint closed'));
    if (this.active !== undefined) return Promise.resolve(this.active);
    this.choosing ??= this.choose().finally(() => (this.choosing = undefined));
    return this.choosing;
  }

  /** A generated service client (e.g. MarketDataClient) on the active address. */
  async client<T>(Client: ClientConstructor<T>): Promise<{ client: T; address: string }> {
    const address = await this.address();
    return { client: this.clientAt(Client, address), address };
  }

  /** Reports that a call on `address` failed as if the service were gone: the next call chooses again. */
  failed(address: string): void {
    if (this.active === address) this.active = undefined;
  }

  close(): void {
    this.closed = true;
    for (const channel of this.channels.values()) channel.close();
    this.channels.clear();
    this.clients.clear();
  }

  private clientAt<T>(Client: ClientConstructor<T>, address: string): T {
    let byAddress = this.clients.get(Client) as Map<string, T> | undefined;
    if (!byAddress) this.clients.set(Client, (byAddress = new Map<string, T>()));
    let client = byAddress.get(address);
    if (!client) {
      client = new Client(address, this.credentials, { channelOverride: this.channel(address) });
      byAddress.set(address, client);
    }
    return client;
  }

  private channel(address: string): grpc.Channel {
    let channel = this.channels.get(address);
    if (!channel) {
      channel = new grpc.Channel(address, this.credentials, this.channelOptions);
      this.channels.set(address, channel);
    }
    return channel;
  }

  /** Checks every address at once and takes the first, in the configured order, that is SERVING. */
  private async choose(): Promise<string> {
    const checks = this.addresses.map((address) => this.check(address));
    const outcomes: string[] = [];
    for (const [i, check] of checks.entries()) {
      const outcome = await check;
      if (outcome === 'SERVING') {
        if (!this.closed) this.active = this.addresses[i];
        return this.addresses[i]!;
      }
      outcomes.push(`${this.addresses[i]}: ${outcome}`);
    }
    throw new UnavailableError(grpc.status.UNAVAILABLE, `no address is SERVING (${outcomes.join('; ')})`);
  }

  private check(address: string): Promise<string> {
    const health = this.clientAt(HealthClient, address);
    return new Promise((resolve) => {
      health.check({ service: '' }, this.metadata(), { deadline: Date.now() + this.healthCheckTimeoutMs }, (error, response) => {
        if (error) resolve(`${grpc.status[error.code] ?? error.code} ${error.details}`);
        else resolve(response.status === HealthCheckResponse_ServingStatus.SERVING ? 'SERVING' : (HealthCheckResponse_ServingStatus[response.status] ?? String(response.status)));
      });
    });
  }
}
