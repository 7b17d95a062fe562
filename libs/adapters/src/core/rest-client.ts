import { Pool } from 'undici';
import { GatewayError, toGatewayError, type ErrorClassifier } from './errors.js';
import type { AdapterMetrics } from './metrics.js';
import type { RateLimitPolicy } from './rate-limiter.js';
import { ExponentialBackoff, type RetryStrategy } from './retry.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type QueryValue = string | number | boolean | undefined;

export interface RestRequest {
  readonly method: HttpMethod;
  /** Path below the base URL, e.g. "/spot/order_book". */
  readonly path: string;
  /** Kept in the given order: some venues sign the query string as sent. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: string;
  /** Defaults to true for GET and DELETE-less reads; placing an order must say false. */
  readonly idempotent?: boolean;
  readonly signed?: boolean;
  /** Splits a limit the venue counts per something the path does not show (Gate spot placement: the market). */
  readonly scope?: string;
  /** The request's rate-limit weight where its parameters set it (Binance depth by limit); else the policy's table. */
  readonly weight?: number;
  /** Headers of this request only (an API key on an endpoint that wants the key but no signature). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The request as it will leave: what an authentication strategy signs. */
export interface PreparedRequest {
  readonly method: HttpMethod;
  /** Full path on the host, base prefix included, e.g. "/api/v4/spot/orders". */
  readonly path: string;
  /** Encoded query string without "?", "" when none. */
  readonly queryString: string;
  readonly body: string;
}

/** What signing adds: headers, and for venues that sign in the query (MEXC) the final query string. */
export interface SignedParts {
  readonly headers: Record<string, string>;
  readonly queryString?: string;
}

/** Adds a venue's credentials to a prepared request. */
export interface AuthStrategy {
  sign(request: PreparedRequest): SignedParts;
}

export interface RestClientOptions {
  readonly venue: string;
  /** e.g. "https://api.gateio.ws/api/v4": origin plus an optional path prefix. */
  readonly baseUrl: string;
  readonly classifier: ErrorClassifier;
  readonly retry: RetryStrategy;
  readonly metrics: AdapterMetrics;
  readonly rateLimits?: RateLimitPolicy;
  readonly auth?: AuthStrategy;
  /** Keep-alive connections in the venue's pool. */
  readonly connections?: number;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export function encodeQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    out += `${out ? '&' : ''}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  }
  return out;
}

/**
 * One venue's REST client: a single undici keep-alive pool, a rate limiter in front of it,
 * classified errors, and retries with backoff for idempotent requests only.
 */
export class RestClient {
  private readonly pool: Pool;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: RestClientOptions) {
    const url = new URL(options.baseUrl);
    this.prefix = url.pathname.replace(/\/$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 8,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      connectTimeout: this.timeoutMs,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    this.pool.on('connect', () => {
      options.metrics.restConnectionsOpened++;
    });
  }

  /** Sends the request and parses the JSON answer. */
  async request<T>(request: RestRequest): Promise<T> {
    const text = await this.requestText(request);
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new GatewayError('malformed_response', `${this.options.venue} answered ${request.path} with invalid JSON`, {
        venue: this.options.venue,
        cause,
      });
    }
  }

  async requestText(request: RestRequest): Promise<string> {
    const idempotent = request.idempotent ?? request.method === 'GET';
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(request);
      } catch (thrown) {
        const error = toGatewayError(thrown, this.options.venue);
        this.options.metrics.countError(error.kind);
        const delay = this.options.retry.nextDelayMs(error, attempt, idempotent);
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  }

  private async attempt(request: RestRequest): Promise<string> {
    const { metrics } = this.options;
    await this.options.rateLimits?.acquire(request.method, request.path, request.scope, request.weight);
    let queryString = encodeQuery(request.query);
    const prepared: PreparedRequest = {
      method: request.method,
      path: this.prefix + request.path,
      queryString,
      body: request.body ?? '',
    };
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers, ...request.headers };
    if (prepared.body) headers['content-type'] = 'application/json';
    if (request.signed) {
      if (!this.options.auth) throw new GatewayError('unauthenticated', `${this.options.venue}: no API credentials configured`);
      const signed = this.options.auth.sign(prepared);
      Object.assign(headers, signed.headers);
      if (signed.queryString !== undefined) queryString = signed.queryString;
    }
    const started = performance.now();
    metrics.restRequests++;
    const response = await this.pool.request({
      method: prepared.method,
      path: queryString ? `${prepared.path}?${queryString}` : prepared.path,
      headers,
      body: prepared.body || undefined,
    });
    const text = await response.body.text();
    metrics.restLatencyMs.record(performance.now() - started);
    this.options.rateLimits?.observe?.(response.headers);
    if (response.statusCode >= 200 && response.statusCode < 300) return text;
    throw this.options.classifier.classifyHttp(response.statusCode, text, response.headers);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The retry policy of signed trading endpoints: reads retry on transient failures, writes never. */
export function tradingRetry(): ExponentialBackoff {
  return new ExponentialBackoff({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 });
}

export interface TradingRestOptions {
  readonly venue: string;
  readonly baseUrl: string;
  readonly metrics: AdapterMetrics;
  readonly classifier: ErrorClassifier;
  readonly auth: AuthStrategy;
  /** The venue's documented limits (endpointLimits); one policy may serve several clients of one account. */
  readonly rateLimits: RateLimitPolicy;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A venue's signed trading REST client: reads retry on transient failures; placing, cancelling
 * and other writes never do (the first attempt may have landed); the venue's rate limits.
 */
export function tradingRestClient(options: TradingRestOptions): RestClient {
  return new RestClient({
    venue: options.venue,
    baseUrl: options.baseUrl,
    metrics: options.metrics,
    classifier: options.classifier,
    retry: tradingRetry(),
    rateLimits: options.rateLimits,
    auth: options.auth,
    headers: options.headers,
  });
}
