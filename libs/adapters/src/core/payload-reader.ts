/**
 * How an adapter reads one venue payload (a REST answer, a websocket push frame): its own JSON
 * parse and its own reader, never a copy. Contract checks hand the reader a recording proxy of
 * each recorded payload to learn which fields the adapter reads (libs/wire-contracts).
 */
export interface PayloadReader {
  /** The adapter's JSON parse (e.g. exact, numbers as strings); JSON.parse when absent. */
  readonly parse?: (text: string) => unknown;
  readonly read: (payload: unknown) => unknown;
}
