import type * as grpc from '@grpc/grpc-js';
import { GatewayError, silentLogger, toGatewayError, type Logger } from '@cexgw/adapters';
import { toServiceError, type CallCounters } from '@cexgw/grpc';
import { ACTIVE_ADDRESS_TRAILER, StandbyError } from './standby.js';

// How every trading RPC (spot and futures) answers: refuse while the venue is not ready
// (saying why when the venue refuses our credentials), map failures to gRPC statuses with
// secrets scrubbed from any text a venue echoed, log by severity, and track open streams so
// shutdown can end them.

export interface ServiceCallContext {
  readonly exchange: { readonly venue: string };
  /** False until the venue adapter has started (symbols, clock, private stream). */
  isReady(): boolean;
  /** Set while the venue refuses us at start (a bad key or signature, an account it cannot trade as set up). */
  notReadyReason?(): GatewayError | undefined;
  /** Set while this instance may not trade at all (the standby of a pair): every call and stream is refused with it. */
  refusal?(): GatewayError | undefined;
  /** Open streaming calls, ended by the service at shutdown. */
  readonly openStreams: Set<grpc.ServerWritableStream<unknown, unknown>>;
  readonly logger?: Logger;
  /** Removes this process's secrets from text that leaves it (error messages a venue may have echoed a key in). */
  readonly scrub?: (text: string) => string;
  /** Unary calls answered, by method and outcome (Diagnostics, Prometheus). */
  readonly calls?: CallCounters;
}

type Callback = grpc.sendUnaryData<object>;

export interface ServiceCalls {
  /** Throws UNAVAILABLE (or the venue's credential refusal) until the venue adapter is up. */
  ready(): void;
  answer<T extends object>(method: string, callback: Callback, work: () => Promise<T> | T): void;
  stream(call: grpc.ServerWritableStream<unknown, unknown>, start: () => void | Promise<void>): void;
}

export function serviceCalls(ctx: ServiceCallContext): ServiceCalls {
  const venue = ctx.exchange.venue;
  const logger = ctx.logger ?? silentLogger;

  const scrubbed = (error: GatewayError): GatewayError => {
    if (!ctx.scrub) return error;
    const message = ctx.scrub(error.message);
    const venueMessage = error.venueMessage === undefined ? undefined : ctx.scrub(error.venueMessage);
    if (message === error.message && venueMessage === error.venueMessage) return error;
    return new GatewayError(error.kind, message, {
      venue: error.venue,
      venueCode: error.venueCode,
      venueMessage,
      httpStatus: error.httpStatus,
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
    });
  };

  const ready = () => {
    if (ctx.isReady()) return;
    const refused = ctx.notReadyReason?.();
    if (refused) {
      throw scrubbed(
        new GatewayError(
          refused.kind,
          `${venue} trading is not ready: ${refused.kind === 'venue_rejected' ? 'the venue refuses the account as set up' : 'the venue refuses the API credentials'} (${refused.message})`,
          {
            venue,
            venueCode: refused.venueCode,
            venueMessage: refused.venueMessage,
            httpStatus: refused.httpStatus,
          },
        ),
      );
    }
    throw new GatewayError('venue_unavailable', `${venue} trading is not ready yet (starting or reconnecting to the venue); retry shortly`, { venue, retryable: true });
  };

  /** A GatewayError as a gRPC error; a standby's also names the active instance in a trailer. */
  const serviceError = (error: GatewayError) => {
    const result = toServiceError(error, venue);
    if (error instanceof StandbyError && error.activeAddress) result.metadata?.set(ACTIVE_ADDRESS_TRAILER, error.activeAddress);
    return result;
  };

  const refuseIfStandby = () => {
    const refused = ctx.refusal?.();
    if (refused) throw refused;
  };

  function answer<T extends object>(method: string, callback: Callback, work: () => Promise<T> | T): void {
    Promise.resolve()
      .then(refuseIfStandby)
      .then(work)
      .then(
        (result) => {
          ctx.calls?.count(method, 'ok');
          callback(null, result);
        },
        (error: unknown) => {
          const gatewayError = scrubbed(toGatewayError(error, venue));
          ctx.calls?.count(method, gatewayError.kind);
          const fields = { method, kind: gatewayError.kind, venueCode: gatewayError.venueCode, err: gatewayError.message };
          if (gatewayError.kind === 'internal') logger.error(fields, 'trading call failed');
          else if (gatewayError.venueCode || gatewayError.kind === 'timeout' || gatewayError.kind === 'venue_unavailable') logger.warn(fields, 'trading call failed');
          else logger.info(fields, 'trading call refused');
          callback(serviceError(gatewayError), null);
        },
      );
  }

  function stream(call: grpc.ServerWritableStream<unknown, unknown>, start: () => void | Promise<void>): void {
    ctx.openStreams.add(call);
    const forget = () => ctx.openStreams.delete(call);
    call.on('cancelled', forget);
    call.on('close', forget);
    call.on('error', forget);
    Promise.resolve()
      .then(refuseIfStandby)
      .then(start)
      .catch((error: unknown) => call.emit('error', serviceError(scrubbed(toGatewayError(error, venue)))));
  }

  return { ready, answer, stream };
}
