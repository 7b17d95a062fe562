import { checkValue, type Violation } from './check.js';
import { checkReads, recordReads } from './reads.js';
import type { RecordedFrame } from './recording-proxy.js';
import type { WireType } from './schema.js';
import type { BinanceConnectorContract } from './sources/binance-connectors.js';
import type { FrameTrafficReport, PushReader } from './ws-traffic.js';

// Recorded Binance websocket traffic against the connector's models (market streams, the user data
// stream, the WebSocket API): what the client sent is a stream request naming streams the
// connector knows, or a WebSocket API method with its parameters; every event carries only what
// its model names, typed as it says; and what the adapter reads of an event, through its own
// reader, names only fields the model has. Readers are keyed by the connector's stream method
// ("diffBookDepth", ...) and "userData".

const STREAM_REQUEST: WireType = { kind: 'object' };
const STREAM_METHODS = new Set(['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY']);
/** Members the connectors add to a signed WebSocket API request themselves (not in the request models). */
const SIGNING = new Set(['apiKey', 'timestamp', 'signature']);
const USER_DATA = 'userData';

export function checkBinanceStreamTraffic(frames: readonly RecordedFrame[], contract: BinanceConnectorContract, readers: Readonly<Record<string, PushReader>> = {}): FrameTrafficReport {
  const violations: string[] = [];
  const covered = new Set<string>();
  const note = (where: string, list: readonly Violation[]) => list.forEach((v) => violations.push(`${where}: ${v.path} ${v.message}`));
  const methodById = new Map<string, string>();
  const streamOf = (name: string) => contract.streams.find((s) => s.pattern.test(name));

  const event = (operation: string, type: WireType, data: unknown, where: string) => {
    covered.add(operation);
    note(where, checkValue(data, type, contract.models));
    const reader = readers[operation];
    if (!reader) return;
    const recording = recordReads(data);
    try {
      reader.read(recording.value);
    } catch (error) {
      violations.push(`${where}: the adapter cannot read it: ${(error as Error).message}`);
    }
    note(`${where} read`, checkReads(recording.paths, type, contract.models));
  };

  for (const frame of frames) {
    if (frame.text === undefined) continue;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(frame.text) as Record<string, unknown>;
    } catch {
      violations.push(`${frame.direction === 'in' ? 'venue' : 'client'} frame on ${frame.path} is not JSON`);
      continue;
    }
    if (frame.direction === 'out') {
      const method = String(message.method);
      if (STREAM_METHODS.has(method)) {
        note(`client ${method}`, checkValue(message, STREAM_REQUEST, contract.models));
        for (const stream of Array.isArray(message.params) ? message.params : []) {
          if (typeof stream !== 'string' || !streamOf(stream)) violations.push(`client ${method}: ${JSON.stringify(stream)} is no stream of ${contract.packageName}`);
        }
        continue;
      }
      const api = contract.wsApi.get(method);
      if (!api) {
        violations.push(`client request ${JSON.stringify(method)} on ${frame.path}: no stream request or WebSocket API method of ${contract.packageName}`);
        continue;
      }
      methodById.set(requestId(message.id), method);
      const params = Object.fromEntries(Object.entries((message.params ?? {}) as Record<string, unknown>).filter(([key]) => !SIGNING.has(key)));
      if (api.params) note(`client ${method} params`, checkValue(params, api.params, contract.models));
      continue;
    }
    if (typeof message.stream === 'string' && message.data !== undefined) {
      const stream = streamOf(message.stream);
      if (stream) event(stream.operation, stream.event, message.data, `${message.stream} event`);
      else if (frame.path.startsWith('/private') && contract.userData) event(USER_DATA, contract.userData, message.data, 'user data event');
      else violations.push(`${message.stream} event: no stream of ${contract.packageName} has this name`);
      continue;
    }
    if (message.subscriptionId !== undefined && message.event !== undefined && contract.userData) {
      event(USER_DATA, contract.userData, message.event, 'user data event');
      continue;
    }
    if (message.status !== undefined && message.id !== undefined) {
      const method = methodById.get(requestId(message.id));
      const answer = method ? contract.wsApi.get(method)?.answer : undefined;
      if (message.status !== 200) violations.push(`${method ?? 'a WebSocket API request'}: the venue refused it: ${JSON.stringify(message.error)}`);
      else if (answer) note(`${method} answer`, checkValue(message, answer, contract.models));
      continue;
    }
    if ('result' in message && 'id' in message) continue; // a stream request acknowledged
    violations.push(`venue frame on ${frame.path} is neither an event nor an answer: ${frame.text.slice(0, 80)}`);
  }
  return { violations: [...new Set(violations)], covered };
}

/** A request id as a map key (Binance's are numbers or strings). */
function requestId(id: unknown): string {
  return typeof id === 'number' || typeof id === 'string' ? String(id) : JSON.stringify(id);
}
