import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { Endpoint, FailedPreconditionError, OrderOutcomeUnknownError, OrderStatus, proto, Trader, UnavailableError, type Order } from '@cexgw/client';
import { freePort } from '../../../test/support/processes.js';
import { gatewayStatus, startScripted, type ScriptedServer } from './support/scripted-server.js';

// Trader and Endpoint against scripted Trading services: an active/standby pair (the standby
// answers health NOT_SERVING and refuses calls with UNAVAILABLE, as issue 15's will), answers
// lost past the deadline, and refusals with the gateway's cexgw-* trailers.

type Handler = (request: proto.PlaceOrderRequest) => Order | Partial<grpc.StatusObject> | 'hang';

function trading(onPlace: Handler, extra: grpc.UntypedServiceImplementation = {}): [grpc.ServiceDefinition, grpc.UntypedServiceImplementation] {
  return [
    proto.TradingService,
    {
      placeOrder: (call: grpc.ServerUnaryCall<proto.PlaceOrderRequest, Order>, callback: grpc.sendUnaryData<Order>) => {
        const outcome = onPlace(call.request);
        if (outcome === 'hang') return; // the answer never comes: the client's deadline passes
        if ('orderId' in outcome) callback(null, outcome);
        else callback(outcome);
      },
      ...extra,
    },
  ];
}

const order = (request: proto.PlaceOrderRequest, orderId = '42'): Order =>
  proto.Order.fromPartial({
    orderId,
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    status: OrderStatus.ORDER_STATUS_OPEN,
    quantity: request.quantity,
    price: request.price,
  });

const unavailable = () => gatewayStatus(grpc.status.UNAVAILABLE, 'standby: not the active trading service');

describe('Trader and Endpoint (scripted trading services)', () => {
  const servers: ScriptedServer[] = [];
  const traders: Trader[] = [];
  const start = async (...args: Parameters<typeof startScripted>) => {
    const server = await startScripted(...args);
    servers.push(server);
    return server;
  };
  const trader = (endpoint: ConstructorParameters<typeof Trader>[0]['endpoint'], options: Partial<ConstructorParameters<typeof Trader>[0]> = {}) => {
    const made = new Trader({ endpoint, backoff: { initialMs: 10, maxMs: 20 }, ...options });
    traders.push(made);
    return made;
  };

  afterEach(async () => {
    for (const t of traders.splice(0)) t.close();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  it('skips a dead address and a NOT_SERVING standby, and sends the token', async () => {
    const tokens: string[] = [];
    const standby = await start([trading(() => unavailable())], 'NOT_SERVING');
    const active = await start([
      trading((r) => order(r), {
        getBalances: (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<proto.GetBalancesResponse>) => {
          tokens.push(String(call.metadata.get('authorization')[0]));
          callback(null, { balances: [{ asset: 'USDT', free: '100.5', locked: '0' }] });
        },
      }),
    ]);
    const dead = `127.0.0.1:${await freePort()}`;
    const endpoint = new Endpoint({ addresses: [dead, standby.address, active.address], token: 'secret-token-123456' });
    expect(await trader(endpoint).balances()).toEqual([{ asset: 'USDT', free: '100.5', locked: '0' }]);
    expect(await endpoint.address()).toBe(active.address);
    expect(tokens).toEqual(['Bearer secret-token-123456']);
    endpoint.close();
  });

  it('fails over when the active answers UNAVAILABLE, retrying the placement with the same client order id', async () => {
    const seen: Array<[string, string]> = [];
    const first = await start([trading((r) => (seen.push(['first', r.clientOrderId]), unavailable()))]); // was active, now demoted
    const second = await start([trading((r) => (seen.push(['second', r.clientOrderId]), order(r)))], 'NOT_SERVING');
    const endpoint = new Endpoint({ addresses: [first.address, second.address] });
    expect(await endpoint.address()).toBe(first.address);
    first.health.setStatus('', 'NOT_SERVING');
    second.health.setStatus('', 'SERVING');
    const placed = await trader(endpoint).place({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.01', price: '60000' });
    expect(seen).toEqual([
      ['first', placed.clientOrderId],
      ['second', placed.clientOrderId],
    ]);
    expect(placed.clientOrderId).toMatch(/^ts[a-z0-9]+$/);
    expect(placed.clientOrderId.length).toBeLessThanOrEqual(32);
    endpoint.close();
  });

  it('retries past a lost answer (DEADLINE_EXCEEDED) with the same id, and reports an unknown outcome when it never comes', async () => {
    const ids: string[] = [];
    let calls = 0;
    const server = await start([trading((r) => (ids.push(r.clientOrderId), ++calls === 1 ? 'hang' : order(r)))]);
    const placed = await trader(server.address, { deadlineMs: 200 }).place({ symbol: 'BTC/USDT', side: 'sell', quantity: '1', price: '70000', clientOrderId: 'my-id-1' });
    expect(placed.clientOrderId).toBe('my-id-1');
    expect(ids).toEqual(['my-id-1', 'my-id-1']);

    const silent = await start([trading(() => 'hang')]);
    const error = await trader(silent.address, { deadlineMs: 100, attempts: 3 })
      .place({ symbol: 'BTC/USDT', side: 'buy', quantity: '1', price: '1', clientOrderId: 'lost-1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
    expect((error as OrderOutcomeUnknownError).clientOrderId).toBe('lost-1');
    expect((error as OrderOutcomeUnknownError).attempts).toBe(3);
    expect((error as OrderOutcomeUnknownError).code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });

  it('never retries a refusal, and types it with the venue code and message', async () => {
    let calls = 0;
    const server = await start([
      trading(() => {
        calls++;
        return gatewayStatus(grpc.status.FAILED_PRECONDITION, 'insufficient balance', {
          'cexgw-error-class': 'insufficient_balance',
          'cexgw-venue': 'gateio_spot',
          'cexgw-venue-code': 'BALANCE_NOT_ENOUGH',
          'cexgw-venue-message': 'Not enough balance',
        });
      }),
    ]);
    const error = await trader(server.address)
      .place({ symbol: 'BTC/USDT', side: 'buy', quantity: '5', price: '60000' })
      .catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(FailedPreconditionError);
    expect(error).toMatchObject({
      codeName: 'FAILED_PRECONDITION',
      details: 'insufficient balance',
      errorClass: 'insufficient_balance',
      venue: 'gateio_spot',
      venueCode: 'BALANCE_NOT_ENOUGH',
      venueMessage: 'Not enough balance',
    });
    expect(String(error)).toContain('FAILED_PRECONDITION: insufficient balance (venue code BALANCE_NOT_ENOUGH)');
    await expect(trader(server.address).place({ symbol: 'BTC/USDT', side: 'buy', quantity: '1', price: '1', clientOrderId: 'has space' })).rejects.toThrow(/clientOrderId/);
    await expect(trader(server.address).placeFutures({ symbol: 'BTC/USDT', side: 'buy', contracts: '1', baseQuantity: '0.001' })).rejects.toThrow(/exactly one/);
    expect(calls).toBe(1);
  });

  it('confirms a cancel whose first answer was lost by reading the order back', async () => {
    let cancels = 0;
    const server = await start([
      trading(() => unavailable(), {
        cancelOrder: (_call: unknown, callback: grpc.sendUnaryData<Order>) => {
          cancels++;
          // The first cancel went through at the venue but its answer was lost; the retry finds no open order.
          callback(cancels === 1 ? unavailable() : gatewayStatus(grpc.status.NOT_FOUND, 'order not open', { 'cexgw-venue-code': 'ORDER_NOT_FOUND' }));
        },
        getOrder: (call: grpc.ServerUnaryCall<proto.GetOrderRequest, Order>, callback: grpc.sendUnaryData<Order>) =>
          callback(null, proto.Order.fromPartial({ orderId: '7', clientOrderId: call.request.clientOrderId, status: OrderStatus.ORDER_STATUS_CANCELLED })),
      }),
    ]);
    const cancelled = await trader(server.address).cancel({ symbol: 'BTC/USDT', clientOrderId: 'c-1' });
    expect(cancels).toBe(2);
    expect(cancelled.status).toBe(OrderStatus.ORDER_STATUS_CANCELLED);
  });

  it('rejects with UnavailableError naming every address when none is SERVING', async () => {
    const standby = await start([trading(() => unavailable())], 'NOT_SERVING');
    const error = await trader([standby.address], { attempts: 2 })
      .balances()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).details).toContain(`${standby.address}: NOT_SERVING`);
    await expect(trader(standby.address).getOrder({ symbol: 'BTC/USDT' })).rejects.toThrow(/orderId or clientOrderId/);
  });
});
