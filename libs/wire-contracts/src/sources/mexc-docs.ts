import { fileURLToPath } from 'node:url';
import { exampleMessagesContract, examplesContract, type ExamplesContract, type MessagesContract } from './examples.js';

// MEXC spot v3 REST and websocket JSON frames, from MEXC's API docs (mexcdevelop/apidocs) and
// live captures where the docs are wrong or short: contracts/mexc-spot-{rest,ws}.json, each
// example with its source. The protobuf pushes' contract is the vendored schema (protos/mexc,
// @cexgw/mexc-proto/schema).

let cached: ExamplesContract | undefined;
let cachedWs: MessagesContract | undefined;

export function mexcSpotRestContract(): ExamplesContract {
  cached ??= examplesContract(fileURLToPath(new URL('../../contracts/mexc-spot-rest.json', import.meta.url)));
  return cached;
}

/** `request`: what a client sends (subscribe, unsubscribe, ping); `answer`: what the venue answers in JSON. */
export function mexcSpotWsContract(): MessagesContract {
  cachedWs ??= exampleMessagesContract(fileURLToPath(new URL('../../contracts/mexc-spot-ws.json', import.meta.url)));
  return cachedWs;
}
