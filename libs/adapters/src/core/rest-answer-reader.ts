/**
 * How an adapter turns one REST operation's answer into its own types: its own JSON parse and
 * its own reader, never a copy. Contract checks hand the reader a recording proxy of each
 * recorded answer to learn which fields the adapter reads (libs/wire-contracts AnswerReader).
 */
export interface RestAnswerReader {
  /** The adapter's JSON parse (e.g. exact, numbers as strings); JSON.parse when absent. */
  readonly parse?: (text: string) => unknown;
  readonly read: (answer: unknown) => unknown;
}
