import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';

// The gateway's client authentication: a bearer token in gRPC metadata
// (`authorization: Bearer <token>`), checked by a server interceptor before any handler runs.
// Only the services named as protected need it; health and reflection stay open so that
// orchestrators and grpcurl users can probe and list a process without a token.

/** Services of a private process that require the client token. */
export const PRIVATE_SERVICES: readonly string[] = ['cexgw.v1.Trading', 'cexgw.v1.FuturesTrading'];

/** Tokens shorter than this are refused at start: a guessable token is no token. */
export const MIN_CLIENT_TOKEN_LENGTH = 16;

const TOKEN_PATTERN = /^[\x21-\x7e]+$/; // printable ASCII, no spaces: fits a header value as is

/**
 * Client tokens from CEXGW_CLIENT_TOKENS (comma separated) or CEXGW_CLIENT_TOKENS_FILE (one per
 * line; blank lines and lines starting with # are skipped). Several tokens let clients rotate.
 * Throws when both or neither are set, or a token is malformed; never echoes a token.
 */
export function loadClientTokens(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): string[] {
  const inline = env.CEXGW_CLIENT_TOKENS;
  const file = env.CEXGW_CLIENT_TOKENS_FILE;
  if (inline && file) throw new Error('set CEXGW_CLIENT_TOKENS or CEXGW_CLIENT_TOKENS_FILE, not both');
  let raw: string[];
  if (file) {
    let text: string;
    try {
      text = readFile(file);
    } catch (error) {
      throw new Error(`cannot read CEXGW_CLIENT_TOKENS_FILE ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    raw = text.split(/\r?\n/).filter((line) => !line.trim().startsWith('#'));
  } else {
    raw = (inline ?? '').split(',');
  }
  const tokens = raw.map((token) => token.trim()).filter((token) => token.length > 0);
  if (tokens.length === 0) {
    throw new Error('no client token configured: set CEXGW_CLIENT_TOKENS (comma separated) or CEXGW_CLIENT_TOKENS_FILE; clients send it as "authorization: Bearer <token>"');
  }
  tokens.forEach((token, i) => {
    if (token.length < MIN_CLIENT_TOKEN_LENGTH) throw new Error(`client token #${i + 1} is ${token.length} characters; at least ${MIN_CLIENT_TOKEN_LENGTH} are required`);
    if (!TOKEN_PATTERN.test(token)) throw new Error(`client token #${i + 1} contains spaces or non-printable characters`);
  });
  return tokens;
}

/**
 * Checks presented tokens in constant time: both sides are hashed to 32 bytes (so neither the
 * length nor the content of a configured token leaks through timing), and every configured
 * token is compared on every call, without an early exit.
 */
export class TokenVerifier {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    if (tokens.length === 0) throw new Error('TokenVerifier needs at least one token');
    this.digests = tokens.map(digest);
  }

  verify(presented: string): boolean {
    const candidate = digest(presented);
    let match = false;
    for (const expected of this.digests) match = timingSafeEqual(candidate, expected) || match;
    return match;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The token of an `authorization: Bearer <token>` header, or undefined. */
export function bearerToken(metadata: grpc.Metadata): string | undefined {
  const values = metadata.get('authorization');
  if (values.length !== 1) return undefined;
  const value = values[0];
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

export interface ClientAuthOptions {
  readonly tokens: readonly string[];
  /** Fully qualified service names that require the token (default PRIVATE_SERVICES). */
  readonly protectedServices?: readonly string[];
  /** Called for each refused call (for logs and metrics); never given the presented token. */
  readonly onRejected?: (event: { readonly method: string; readonly reason: 'missing' | 'invalid'; readonly peer: string }) => void;
}

/**
 * A grpc-js server interceptor that refuses calls to the protected services with
 * UNAUTHENTICATED unless they carry a configured token. It runs on the call's metadata, before
 * the request is read or a handler invoked, for unary and streaming calls alike.
 */
export function clientTokenInterceptor(options: ClientAuthOptions): grpc.ServerInterceptor {
  const verifier = new TokenVerifier(options.tokens);
  const prefixes = (options.protectedServices ?? PRIVATE_SERVICES).map((service) => `/${service}/`);
  const isProtected = (path: string) => prefixes.some((prefix) => path.startsWith(prefix));

  return (methodDescriptor, call) => {
    if (!isProtected(methodDescriptor.path)) return new grpc.ServerInterceptingCall(call);
    const listener = new grpc.ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        const token = bearerToken(metadata);
        if (token !== undefined && verifier.verify(token)) {
          // The token has done its job; handlers and their logs never see it.
          metadata.remove('authorization');
          next(metadata);
          return;
        }
        const reason = token === undefined ? 'missing' : 'invalid';
        options.onRejected?.({ method: methodDescriptor.path, reason, peer: call.getPeer() });
        call.sendStatus({
          code: grpc.status.UNAUTHENTICATED,
          details: reason === 'missing' ? 'missing client token: send gRPC metadata "authorization: Bearer <token>"' : 'client token not accepted',
          metadata: errorClassMetadata(),
        });
      })
      .build();
    const responder = new grpc.ResponderBuilder().withStart((next) => next(listener)).build();
    return new grpc.ServerInterceptingCall(call, responder);
  };
}

function errorClassMetadata(): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('cexgw-error-class', 'unauthenticated');
  return metadata;
}
