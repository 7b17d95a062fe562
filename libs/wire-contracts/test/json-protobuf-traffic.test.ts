import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkJsonProtobufTraffic, documentedMessagesContract, type ProtoSchema, type RecordedFrame } from '../src/index.js';

// JSON and protobuf frames on one socket, as MEXC talks: JSON requests and answers against
// documented messages (and the adapter's reading of answers), binary pushes against a schema.

const dir = mkdtempSync(join(tmpdir(), 'json-protobuf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'messages.json');
writeFileSync(
  file,
  JSON.stringify({
    sources: { DOC: { origin: 'test docs' } },
    messages: [
      { name: 'request', answers: [{ source: 'DOC', example: { method: 'SUBSCRIPTION', params: ['deals'] } }] },
      { name: 'answer', answers: [{ source: 'DOC', example: { id: 0, code: 0, msg: 'deals' } }] },
    ],
  }),
);
const contract = {
  messages: documentedMessagesContract(file),
  schema: {
    source: { origin: 'test schema' },
    messages: new Map([['Push', { name: 'Push', fields: new Map([[1, { number: 1, name: 'channel', type: 'string', repeated: false }]]) }]]),
  } satisfies ProtoSchema,
  pushMessage: 'Push',
};

const json = (direction: 'in' | 'out', message: unknown): RecordedFrame => {
  const text = JSON.stringify(message);
  return { direction, path: '/ws', data: Buffer.from(text), isBinary: false, text };
};
const push = (bytes: number[]): RecordedFrame => ({ direction: 'in', path: '/ws', data: Buffer.from(bytes), isBinary: true, text: undefined });
/** Push { channel: "d" } (field 1, length-delimited), then optionally field 2 as a varint. */
const channelPush = (extra: boolean) => push([0x0a, 0x01, 0x64, ...(extra ? [0x10, 0x01] : [])]);

describe('checkJsonProtobufTraffic', () => {
  it('passes documented requests, answers and pushes, and says what it saw', () => {
    const report = checkJsonProtobufTraffic([json('out', { method: 'SUBSCRIPTION', params: ['deals'] }), json('in', { id: 0, code: 0, msg: 'deals' }), channelPush(false)], contract, {
      read: (frame) => (frame as { msg: string }).msg,
    });
    expect(report.violations).toEqual([]);
    expect([...report.covered].sort()).toEqual(['Push.channel', 'answer', 'request']);
  });

  it('names an undocumented member sent, answered or read, and a push field the schema lacks', () => {
    const report = checkJsonProtobufTraffic(
      [json('out', { method: 'SUBSCRIPTION', params: ['deals'], extra: 1 }), json('in', { id: 0, code: 0, msg: 'deals', surprise: true }), channelPush(true)],
      contract,
      {
        read: (frame) => (frame as { message: string }).message,
      },
    );
    expect(report.violations).toEqual([
      expect.stringMatching(/^request on \/ws: \$\.extra is not a field of /),
      expect.stringMatching(/^answer on \/ws: \$\.surprise is not a field of /),
      expect.stringMatching(/^read of the answer on \/ws: \$\.message is read by the adapter, but /),
      expect.stringMatching(/^push on \/ws: \$\.#2 field number 2 \(wire type 0\) is not a field of Push \(test schema\)$/),
    ]);
  });
});
