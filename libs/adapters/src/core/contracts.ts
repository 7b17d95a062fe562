import { canonicalDecimal, compareDecimal, fromScaled, multiplyDecimal, toScaled } from './decimal.js';
import { GatewayError } from './errors.js';
import type { ContractInfo } from './futures-exchange.js';

// Contracts <-> base units for futures, exact on decimal strings. A venue trades whole
// contracts (or whole contract steps); the unified API sizes orders in base units, so every
// conversion is checked to be exact rather than rounded: a rounded size is a wrong order.

/** Base units of `contracts` (unsigned) contracts of `multiplier` base units each. */
export function contractsToBaseQuantity(contracts: string, multiplier: string): string {
  return multiplyDecimal(contracts, multiplier);
}

/**
 * The number of contracts in `base` base units, or undefined when `base` is not a whole number
 * of `contractStep` contracts (contractStep is 1 unless the venue trades fractions of a contract).
 */
export function exactContracts(base: string, multiplier: string, contractStep = '1'): string | undefined {
  const b = toScaled(canonicalDecimal(base));
  const m = toScaled(canonicalDecimal(multiplier));
  if (m.units <= 0n) return undefined;
  const step = toScaled(canonicalDecimal(contractStep));
  // contracts = base / multiplier; exact iff base / (multiplier x step) is a whole number.
  const unit = m.units * step.units; // scale m.scale + step.scale
  const unitScale = m.scale + step.scale;
  const scale = Math.max(b.scale, unitScale);
  const numerator = b.units * 10n ** BigInt(scale - b.scale);
  const denominator = unit * 10n ** BigInt(scale - unitScale);
  if (numerator % denominator !== 0n) return undefined;
  const steps = numerator / denominator;
  return fromScaled(steps * step.units, step.scale);
}

/** exactContracts or INVALID_ARGUMENT explaining the nearest sizes that would be accepted. */
export function requireExactContracts(base: string, multiplier: string, what: string, contractStep = '1'): string {
  const contracts = exactContracts(base, multiplier, contractStep);
  if (contracts !== undefined) return contracts;
  const step = multiplyDecimal(multiplier, contractStep);
  const lower = fromScaled(floorDiv(base, step), 0);
  const below = multiplyDecimal(lower, step);
  const above = multiplyDecimal(fromScaled(floorDiv(base, step) + 1n, 0), step);
  throw new GatewayError(
    'invalid_argument',
    `base_quantity ${canonicalDecimal(base)} is not a whole number of ${what} contracts (1 contract = ${canonicalDecimal(multiplier)}); ` +
      `${compareDecimal(below, '0') > 0 ? `use ${below} (${multiplyDecimal(lower, contractStep)} contracts) or ` : 'use '}${above}, or give contracts instead`,
  );
}

function floorDiv(base: string, step: string): bigint {
  const b = toScaled(canonicalDecimal(base));
  const s = toScaled(canonicalDecimal(step));
  const scale = Math.max(b.scale, s.scale);
  return (b.units * 10n ** BigInt(scale - b.scale)) / (s.units * 10n ** BigInt(scale - s.scale));
}

/** INVALID_ARGUMENT before anything is sent when a leverage is outside the contract's limits. */
export function requireLeverageInRange(leverage: number, contract: ContractInfo, venue: string): void {
  if (!Number.isInteger(leverage) || leverage < contract.minLeverage || leverage > contract.maxLeverage) {
    throw new GatewayError(
      'invalid_argument',
      `leverage ${leverage} is outside ${contract.symbol.base}/${contract.symbol.quote}'s range on ${venue}: ${contract.minLeverage} to ${contract.maxLeverage}`,
      { venue },
    );
  }
}
