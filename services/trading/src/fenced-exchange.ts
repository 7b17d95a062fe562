import type { PrivateExchange } from '@cexgw/adapters';

// Fencing at the venue boundary: every call that changes something at the venue first checks,
// synchronously and in the same tick as the send, that this process still holds its lease. A
// process deposed while it was paused or cut off from the database therefore sends nothing
// after it wakes up, whatever else it was in the middle of (fencing, not goodwill).

/** The calls that act at the venue; reads (orders, balances, fills) stay open to a deposed process. */
const SENDS: ReadonlySet<PropertyKey> = new Set(['placeOrder', 'cancelOrder', 'setLeverage']);

export function fenceSends<E extends PrivateExchange>(exchange: E, assertHeld: () => void): E {
  const fenced = new Map<PropertyKey, unknown>();
  return new Proxy(exchange, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      let wrapped = fenced.get(property);
      if (!wrapped) {
        const method = value as (...args: unknown[]) => unknown;
        wrapped = SENDS.has(property)
          ? (...args: unknown[]) => {
              assertHeld();
              return method.apply(target, args);
            }
          : method.bind(target);
        fenced.set(property, wrapped);
      }
      return wrapped;
    },
  });
}
