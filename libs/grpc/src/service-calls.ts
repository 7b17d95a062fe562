import { Metadata, type ServerWritableStream, type sendUnaryData } from '@grpc/grpc-js';
import { GatewayError, silentLogger, toGatewayError, type Logger } from '@cexgw/adapters';
import type { CallCounters } from './call-counters.js';
import { toServiceError } from './status.js';

// How every RPC of a service answers, market data and trading alike: refuse while the venue is
// not ready, map failures to gRPC statuses (with secrets scrubbed from any text a venue echoed),
// log by severity, count, and track open streams so that shutdown can end them.

export type ServiceError = ReturnType<typeof toServiceError>;

export interface ServiceCallContext {
  readonly venue: string;
  /** False until the venue adapter has started. */
  isReady(): boolean;
  /** The error calls get while the service is not ready (default: the venue is not ready yet, retry shortly). */
  notReady?(): GatewayError;
  /** Set while this instance may not serve at all (the standby of a pair): every call and stream is refused with it. */
  refusal?(): GatewayError | undefined;
  /** Open streaming calls, ended by the service at shutdown. */
  readonly openStreams?: Set<ServerWritableStream<unknown, unknown>>;
  /** Where failed calls are logged (nowhere without one). */
  readonly logger?: Logger;
  /** What a failed call is called in the log: "trading call". */
  readonly logName?: string;
  /** Removes this process's secrets from text that leaves it (error messages a venue may have echoed a key in). */
  readonly scrub?: (text: string) => string;
  /** Unary calls answered, by method and outcome (Diagnostics, Prometheus). */
  readonly calls?: CallCounters;
  /** Adds trailers of the service's own to an error's status (a standby names the active instance). */
  readonly addTrailers?: (error: GatewayError, status: ServiceError) => void;
}

type Callback = sendUnaryData<object>;

export interface ServiceCalls {
  /** Throws the context's not-ready error until the venue adapter is up. */
  readonly ready: () => void;
  /** Answers a unary call with what `work` returns, or its failure as a status. */
  readonly answer: <T extends object>(method: string, callback: Callback, work: () => Promise<T> | T) => void;
  /** Starts a streaming call with `start`, then sends its headers (the client's sign that it is subscribed); a failure to start ends the call with its status. */
  readonly stream: (call: ServerWritableStream<unknown, unknown>, start: () => void | Promise<void>) => void;
  /** A failure as what leaves the process: a GatewayError with secrets scrubbed. */
  readonly scrubbed: (error: GatewayError) => GatewayError;
}

export function serviceCalls(ctx: ServiceCallContext): ServiceCalls {
  const { venue } = ctx;
  const logger = ctx.logger ?? silentLogger;
  const logName = ctx.logName ?? 'call';

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
    throw ctx.notReady?.() ?? new GatewayError('venue_unavailable', `${venue} is not ready yet; retry shortly`, { venue, retryable: true });
  };

  const serviceError = (error: GatewayError): ServiceError => {
    const status = toServiceError(error, venue);
    ctx.addTrailers?.(error, status);
    return status;
  };

  const refuseIfRefused = () => {
    const refused = ctx.refusal?.();
    if (refused) throw refused;
  };

  function answer<T extends object>(method: string, callback: Callback, work: () => Promise<T> | T): void {
    Promise.resolve()
      .then(refuseIfRefused)
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
          if (gatewayError.kind === 'internal') logger.error(fields, `${logName} failed`);
          else if (gatewayError.venueCode || gatewayError.kind === 'timeout' || gatewayError.kind === 'venue_unavailable') logger.warn(fields, `${logName} failed`);
          else logger.info(fields, `${logName} refused`);
          callback(serviceError(gatewayError), null);
        },
      );
  }

  function stream(call: ServerWritableStream<unknown, unknown>, start: () => void | Promise<void>): void {
    const open = ctx.openStreams;
    if (open) {
      open.add(call);
      const forget = () => open.delete(call);
      call.on('cancelled', forget);
      call.on('close', forget);
      call.on('error', forget);
    }
    let ended = false;
    const markEnded = () => (ended = true);
    call.once('error', markEnded);
    call.once('cancelled', markEnded);
    call.once('finish', markEnded);
    Promise.resolve()
      .then(refuseIfRefused)
      .then(start)
      .then(() => {
        // Headers now tell the client its subscription is in place: no later event is missed.
        if (!ended) call.sendMetadata(new Metadata());
      })
      .catch((error: unknown) => call.emit('error', serviceError(scrubbed(toGatewayError(error, venue)))));
  }

  return { ready, answer, stream, scrubbed };
}
