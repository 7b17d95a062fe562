import { parseScaled, pow10, type Account, type ClientOrder } from '../../engine/index.js';
import { badPrecision, invalidEnum, invalidSymbol, mandatoryParam, orderIdRequired } from './rest-errors.js';

// Reading a signed request's parameters the way both Binance markets do: empty is absent, a
// missing or unknown symbol, integers, DECIMALs at the engine's scale, the order a request names.

/** A signed request's parameters (a Map) or a public request's query (URLSearchParams). */
export interface Params {
  get(name: string): string | null | undefined;
}

/** A parameter's value; an empty one counts as absent. */
export const str = (p: Params, name: string): string | undefined => {
  const v = p.get(name);
  return v === undefined || v === null || v === '' ? undefined : v;
};

/** The listed symbol (or contract) `symbol` names: -1102 when absent, -1121 when unknown. */
export function requireListed<T>(listed: ReadonlyMap<string, T>, p: Params): T {
  const name = str(p, 'symbol');
  if (name === undefined) throw mandatoryParam('symbol');
  const spec = listed.get(name);
  if (!spec) throw invalidSymbol();
  return spec;
}

export function intParam(p: Params, name: string): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,20}$/.test(v)) throw invalidEnum(name);
  return Number(v);
}

/**
 * A DECIMAL parameter at the engine's `scale`: more than 8 decimals is -1111, not a number -1100;
 * zero or less and a value off the scale are the market's own refusals.
 */
export function decimalParam(p: Params, name: string, scale: number, refusals: { notPositive: () => Error; offStep: () => Error }): bigint | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  let eight: bigint;
  try {
    eight = parseScaled(v, 8);
  } catch {
    throw /^\d+(\.\d+)?$/.test(v) ? badPrecision(name) : invalidEnum(name);
  }
  if (eight <= 0n) throw refusals.notPositive();
  const unit = pow10(8 - scale);
  if (eight % unit !== 0n) throw refusals.offStep();
  return eight / unit;
}

/** The order named by orderId or origClientOrderId among the account's orders of `symbol`. */
export function findOrder(account: Account, symbol: string, p: Params, missing: () => Error): ClientOrder {
  const id = str(p, 'orderId');
  const cid = str(p, 'origClientOrderId');
  if (id === undefined && cid === undefined) throw orderIdRequired();
  const order = id !== undefined ? account.orders.get(id) : account.byClientOrderId.get(cid!);
  if (!order || order.symbol !== symbol) throw missing();
  return order;
}
