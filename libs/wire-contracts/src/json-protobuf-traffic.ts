import { checkValue, formatViolations } from './check.js';
import { checkProtobuf, type ProtoSchema } from './protobuf.js';
import { checkReads, recordReads } from './reads.js';
import type { RecordedFrame } from './recording-proxy.js';
import type { DocumentedMessagesContract } from './sources/documented-answers.js';
import type { FrameTrafficReport, PushReader } from './ws-traffic.js';

// Recorded websocket traffic of a venue that talks JSON and pushes protobuf on one socket (MEXC):
// what the client sent is a documented `request`; what the venue answered in JSON is a documented
// `answer`, and the adapter's reader of it names only documented members; every protobuf push
// carries only the field numbers and wire types of the published schema. A frame is JSON when it
// starts with "{", as such clients tell them apart (a venue may send JSON in a binary frame).

export interface JsonProtobufContract {
  /** Documented JSON messages, with a `request` and an `answer` type. */
  readonly messages: DocumentedMessagesContract;
  readonly schema: ProtoSchema;
  /** The schema's message every binary push is, e.g. `PushDataV3ApiWrapper`. */
  readonly pushMessage: string;
}

const OPEN_BRACE = 0x7b;

/** `covered`: `request` and `answer` when seen, and `Message.field` of every push field seen. */
export function checkJsonProtobufTraffic(frames: readonly RecordedFrame[], contract: JsonProtobufContract, answerReader?: PushReader): FrameTrafficReport {
  const violations: string[] = [];
  const covered = new Set<string>();
  const note = (text: string) => text && violations.push(...text.split('\n'));
  const request = contract.messages.types.get('request');
  const answer = contract.messages.types.get('answer');
  for (const frame of frames) {
    if (frame.data[0] !== OPEN_BRACE) {
      const report = checkProtobuf(frame.data, contract.pushMessage, contract.schema);
      note(formatViolations(`push on ${frame.path}`, report.violations));
      for (const field of report.seen) covered.add(field);
      continue;
    }
    const kind = frame.direction === 'out' ? 'request' : 'answer';
    const type = kind === 'request' ? request : answer;
    let message: unknown;
    try {
      message = JSON.parse(frame.data.toString('utf8'));
    } catch {
      violations.push(`${kind} on ${frame.path} is not JSON`);
      continue;
    }
    if (!type) {
      violations.push(`${kind} on ${frame.path}: the documented messages have no ${kind}`);
      continue;
    }
    covered.add(kind);
    note(formatViolations(`${kind} on ${frame.path}`, checkValue(message, type, contract.messages.models)));
    if (kind === 'request' || !answerReader) continue;
    const recording = recordReads((answerReader.parse ?? JSON.parse)(frame.data.toString('utf8')));
    try {
      answerReader.read(recording.value);
    } catch (error) {
      violations.push(`answer on ${frame.path}: the adapter cannot read it: ${(error as Error).message}`);
    }
    note(formatViolations(`read of the answer on ${frame.path}`, checkReads(recording.paths, type, contract.messages.models)));
  }
  return { violations: [...new Set(violations)], covered };
}
