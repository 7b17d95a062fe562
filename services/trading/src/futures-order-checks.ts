import { canonicalDecimal, GatewayError, isMultipleOf, multiplyDecimal, requireExactContracts, type ContractInfo, type OrderRequest, type Pair } from '@cexgw/adapters';
import { requireSymbol, type PlaceFuturesOrderRequestMessage } from '@cexgw/grpc';
import { parseDecimalField, parsePlaceOrder, type ParsedPlaceOrder } from './order-checks.js';

// A PlaceFuturesOrderRequest is a PlaceOrderRequest whose size is named explicitly: whole
// contracts, or a base quantity that must be an exact number of contracts. Both become the
// same OrderRequest (base units, reduce-only flag); the spot checks then apply unchanged.

export interface ParsedFuturesOrder extends ParsedPlaceOrder {
  readonly contracts: string;
}

function contractsFrom(message: PlaceFuturesOrderRequestMessage, contract: ContractInfo): string {
  if (message.size === 'contracts' || (message.contracts && !message.base_quantity)) {
    const contracts = parseDecimalField(message.contracts, 'contracts', true);
    if (!isMultipleOf(contracts, '1')) {
      throw new GatewayError(
        'invalid_argument',
        `contracts ${contracts} is not a whole number; ${contract.venueSymbol} trades whole contracts (1 contract = ${contract.contractMultiplier} ${contract.symbol.base})`,
      );
    }
    return contracts;
  }
  if (message.size === 'base_quantity' || message.base_quantity) {
    const base = parseDecimalField(message.base_quantity, 'base_quantity', true);
    return requireExactContracts(base, contract.contractMultiplier, contract.venueSymbol);
  }
  throw new GatewayError(
    'invalid_argument',
    `give the size as contracts (whole contracts, 1 contract = ${contract.contractMultiplier} ${contract.symbol.base}) or as base_quantity (${contract.symbol.base}, a whole number of contracts)`,
  );
}

export function parsePlaceFuturesOrder(message: PlaceFuturesOrderRequestMessage, contractOf: (symbol: Pair) => ContractInfo, generateId: () => string): ParsedFuturesOrder {
  const symbol = requireSymbol(message.symbol);
  const contract = contractOf(symbol); // NOT_FOUND for a contract the venue does not list
  const contracts = contractsFrom(message, contract);
  const parsed = parsePlaceOrder(
    {
      symbol: message.symbol,
      side: message.side,
      type: message.type,
      quantity: multiplyDecimal(contracts, contract.contractMultiplier),
      price: message.price,
      time_in_force: message.time_in_force,
      post_only: message.post_only,
      client_order_id: message.client_order_id,
      quote_quantity: '',
    },
    generateId,
  );
  const order: OrderRequest = { ...parsed.order, reduceOnly: message.reduce_only === true };
  return { order, clientGivenId: parsed.clientGivenId, contracts: canonicalDecimal(contracts) };
}
