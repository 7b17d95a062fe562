import { isGatewayError, REDACTED_TEXT, redactSecretText } from '@cexgw/adapters';

// What one venue's run found: each check passed, failed (with the problems listed, contract
// violations one per line) or was not run (with why). A failure is data, never an exception:
// every check runs inside `check`, which turns whatever a step throws into one readable line.

export type Outcome = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  readonly name: string;
  readonly outcome: Outcome;
  readonly detail: string;
  readonly problems: readonly string[];
}

/** What a check's work returns: a line on what was seen, and the problems it found (none: pass). */
export interface Finding {
  readonly detail: string;
  readonly problems?: readonly string[];
}

/** Thrown by a check's work to report it as not run (skip) instead of failed. */
export class NotRun extends Error {}

/** Problems printed per check before the rest are counted. */
const MAX_PROBLEMS_SHOWN = 40;

export class VenueReport {
  readonly results: CheckResult[] = [];
  /** Set when the venue could not be reached at all: nothing else was tried. */
  unreachable: string | undefined;
  /** Keys and run-time secrets (MEXC listen keys) of this venue, kept out of every line printed. */
  readonly secrets = new Set<string>();

  constructor(
    readonly venue: string,
    readonly symbolLabel: string,
  ) {}

  /** Runs one check; never throws. Returns whether it passed. */
  async check(name: string, work: () => Promise<Finding | string>): Promise<boolean> {
    try {
      const found = await work();
      const finding = typeof found === 'string' ? { detail: found } : found;
      const problems = finding.problems ?? [];
      this.results.push({ name, outcome: problems.length === 0 ? 'pass' : 'fail', detail: finding.detail, problems });
      return problems.length === 0;
    } catch (error) {
      if (error instanceof NotRun) this.results.push({ name, outcome: 'skip', detail: error.message, problems: [] });
      else this.results.push({ name, outcome: 'fail', detail: oneLine(error), problems: [] });
      return false;
    }
  }

  skip(name: string, why: string): void {
    this.results.push({ name, outcome: 'skip', detail: why, problems: [] });
  }

  fail(name: string, why: string): void {
    this.results.push({ name, outcome: 'fail', detail: why, problems: [] });
  }

  get failed(): boolean {
    return this.unreachable !== undefined || this.results.some((r) => r.outcome === 'fail');
  }

  /** The report as printed: a venue's error text may quote what it was sent, so secrets are scrubbed. */
  format(): string[] {
    return this.lines().map((line) => this.conceal(line));
  }

  /** `line` with this venue's secrets and anything secret-shaped replaced. */
  conceal(line: string): string {
    let clean = line;
    for (const secret of this.secrets) if (secret) clean = clean.split(secret).join(REDACTED_TEXT);
    return redactSecretText(clean);
  }

  private lines(): string[] {
    if (this.unreachable !== undefined) return [`${this.venue}: UNREACHABLE ${this.unreachable}`];
    const count = (outcome: Outcome) => this.results.filter((r) => r.outcome === outcome).length;
    const lines = [`${this.venue} ${this.symbolLabel}: ${this.failed ? 'FAIL' : 'PASS'} (${count('pass')} passed, ${count('fail')} failed, ${count('skip')} not run)`];
    for (const result of this.results) {
      lines.push(`  ${result.outcome.padEnd(4)}  ${result.name}: ${result.detail}`);
      for (const problem of result.problems.slice(0, MAX_PROBLEMS_SHOWN)) lines.push(`          ${problem}`);
      if (result.problems.length > MAX_PROBLEMS_SHOWN) lines.push(`          ... and ${result.problems.length - MAX_PROBLEMS_SHOWN} more`);
    }
    return lines;
  }
}

/** An error as one line: the gateway's error kind and the venue's code with its message, never a stack. */
export function oneLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim() || (error instanceof Error ? error.name : 'unknown error');
  if (!isGatewayError(error)) return message;
  const code = error.venueCode && !message.includes(error.venueCode) ? ` [venue code ${error.venueCode}]` : '';
  return `${error.kind}: ${message}${code}`;
}
