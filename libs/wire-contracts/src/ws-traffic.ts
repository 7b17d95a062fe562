import { checkValue } from './check.js';
import { checkReads, recordReads } from './reads.js';
import type { RecordedFrame } from './recording-proxy.js';
import type { ModelRegistry } from './schema.js';
import type { ChannelContracts } from './sources/examples.js';

// Recorded websocket traffic against a venue's documented messages: what the client sent is a
// documented request; each push carries only what the channel's examples (and the documented
// envelope) name, typed as they are; what the adapter reads from a push, through its own reader
// handed a recording proxy, names only fields the examples have. JSON text frames only; a venue
// that pushes binary frames checks them against its schema instead. A request/answer API on the
// same socket (Gate's event "api") is checked against its documented requests and answers, and
// an answer's result against the REST model of the call it stands for (`restModels`).

/** How the adapter reads one channel's push (the whole frame, as its router hands it on). */
export interface PushReader {
  /** The adapter's JSON parse for this channel (e.g. exact, numbers as strings); JSON.parse when absent. */
  readonly parse?: (text: string) => unknown;
  readonly read: (frame: unknown) => unknown;
}

export interface FrameTrafficReport {
  readonly violations: readonly string[];
  /** Channels seen pushing. */
  readonly covered: ReadonlySet<string>;
}

const ANSWER_EVENTS = new Set(['subscribe', 'unsubscribe']);

export function checkFrameTraffic(frames: readonly RecordedFrame[], contracts: ChannelContracts, readers: Readonly<Record<string, PushReader>> = {}, restModels?: ModelRegistry): FrameTrafficReport {
  const violations: string[] = [];
  const covered = new Set<string>();
  const read = (channel: string, text: string, type: Parameters<typeof checkReads>[1], what: string) => {
    const reader = readers[channel];
    if (!reader) return;
    const recording = recordReads((reader.parse ?? JSON.parse)(text));
    try {
      reader.read(recording.value);
    } catch (error) {
      violations.push(`${channel} ${what}: the adapter cannot read it: ${(error as Error).message}`);
    }
    for (const v of checkReads(recording.paths, type, contracts.models)) violations.push(`${channel} read: ${v.path} ${v.message}`);
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
    if (frame.direction === 'out' && message?.event === 'api') {
      const channel = String(message.channel);
      const request = contracts.apiRequest(channel);
      if (!request) violations.push(`${channel} api request: no documented example of this channel in ${contracts.name}`);
      else for (const v of checkValue(message, request, contracts.models)) violations.push(`client api request on ${channel}: ${v.path} ${v.message}`);
      continue;
    }
    if (frame.direction === 'in' && typeof message?.request_id === 'string') {
      const header = message.header as { channel?: unknown } | undefined;
      const channel = String(header?.channel);
      const answer = contracts.apiAnswer(channel);
      if (!answer) {
        violations.push(`${channel} api answer: no documented example of this channel in ${contracts.name}`);
        continue;
      }
      covered.add(channel);
      for (const v of checkValue(message, answer, contracts.models)) violations.push(`${channel} api answer: ${v.path} ${v.message}`);
      // An ack echoes the request; an error carries errs: only a result is the REST answer.
      const result = (message.data as { result?: unknown } | undefined)?.result;
      if (message.ack === true || result === undefined || result === null) continue;
      const rest = contracts.apiRestModel(channel);
      if (rest && restModels) {
        for (const v of checkValue(result, { kind: 'model', name: rest }, restModels, '$.data.result')) violations.push(`${channel} api result (REST ${rest}): ${v.path} ${v.message}`);
      }
      read(channel, frame.text, answer, 'api answer');
      continue;
    }
    const channel = String(message?.channel);
    if (frame.direction === 'out') {
      for (const v of checkValue(message, contracts.request, contracts.models)) violations.push(`client request on ${channel}: ${v.path} ${v.message}`);
      continue;
    }
    if (ANSWER_EVENTS.has(String(message.event))) {
      for (const v of checkValue(message, contracts.answer, contracts.models)) violations.push(`${channel} ${String(message.event)} answer: ${v.path} ${v.message}`);
      continue;
    }
    const push = contracts.push(channel);
    if (!push) {
      violations.push(`${channel} push: no documented example of this channel in ${contracts.name}`);
      continue;
    }
    covered.add(channel);
    for (const v of checkValue(message, push, contracts.models)) violations.push(`${channel} push: ${v.path} ${v.message}`);
    read(channel, frame.text, push, 'push');
  }
  return { violations: [...new Set(violations)], covered };
}
