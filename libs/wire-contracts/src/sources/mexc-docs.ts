import { fileURLToPath } from 'node:url';
import { documentedMessagesContract, documentedRestContract, type DocumentedRestContract, type DocumentedMessagesContract } from './documented-answers.js';

// MEXC spot v3 REST and websocket JSON frames, from MEXC's API docs (mexcdevelop/apidocs) and
// live captures where the docs are wrong or short: sources/mexc-spot-{rest,ws}.json, each
// example with its source. The protobuf pushes' contract is the vendored schema (protos/mexc,
// @cexgw/mexc-proto/schema).

let cached: DocumentedRestContract | undefined;
let cachedWs: DocumentedMessagesContract | undefined;

export function mexcSpotRestContract(): DocumentedRestContract {
  cached ??= documentedRestContract(fileURLToPath(new URL('../../sources/mexc-spot-rest.json', import.meta.url)));
  return cached;
}

/** `request`: what a client sends (subscribe, unsubscribe, ping); `answer`: what the venue answers in JSON. */
export function mexcSpotWsContract(): DocumentedMessagesContract {
  cachedWs ??= documentedMessagesContract(fileURLToPath(new URL('../../sources/mexc-spot-ws.json', import.meta.url)));
  return cachedWs;
}
