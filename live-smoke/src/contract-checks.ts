import { NotRun, type Finding } from './report.js';
import type { ContractCheck, ContractContext, Missing } from './venues.js';

/** Covered operations or fields named in the report line; the rest are counted. */
const MAX_COVERED_NAMED = 16;

/**
 * Recorded traffic held against the venue's published contract: every violation is a problem.
 * Where the framework offers no contract for the venue yet, the check is reported as not run,
 * with how much traffic went unchecked.
 */
export function contractFinding<Traffic>(contract: ContractCheck<Traffic> | Missing, traffic: readonly Traffic[], context: ContractContext, unit: string): Finding {
  if ('missing' in contract) throw new NotRun(`${contract.missing}: ${traffic.length} ${unit} recorded, unchecked`);
  const report = contract.check(traffic, context);
  const covered = [...report.covered].sort();
  const named = covered.length > MAX_COVERED_NAMED ? `${covered.slice(0, MAX_COVERED_NAMED).join(', ')}, ...` : covered.join(', ') || 'none';
  return {
    detail: `${contract.source}: ${traffic.length} ${unit}, ${covered.length} covered (${named}), ${report.violations.length} violations`,
    problems: report.violations,
  };
}
