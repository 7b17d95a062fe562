import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCursorStore, FillFollower, OutOfRangeError, proto, type Fill, type FillCursorStore } from '@cexgw/client';
import { until } from '../../../test/support/wait.js';
import { gatewayStatus, startScripted, type ScriptedServer } from './support/scripted-server.js';

// FillFollower and FileCursorStore against a scripted StreamFills: the journal's fills after the
// requested cursor, then the stream ends (as a restarted service's would). Checks resumption,
// dropping of anything at or before the committed cursor, and the redelivery flag after a crash.

const journal = (n: number): Fill[] => Array.from({ length: n }, (_, i) => proto.Fill.fromPartial({ cursor: String(i + 1), fillId: `t${i + 1}`, orderId: '9', price: '100', quantity: '0.1' }));

/** Serves `fills` after the requested cursor; `replayFrom` (if set) also resends from there (a misbehaving server). */
function fillServer(fills: Fill[], requests: string[], options: { replayFrom?: number; endAfter?: number } = {}): [grpc.ServiceDefinition, grpc.UntypedServiceImplementation] {
  return [
    proto.TradingService,
    {
      streamFills: (call: grpc.ServerWritableStream<proto.StreamFillsRequest, Fill>) => {
        const after = call.request.afterCursor;
        requests.push(after);
        if (Number(after) > fills.length) return call.emit('error', gatewayStatus(grpc.status.OUT_OF_RANGE, `after_cursor ${after} is beyond this journal's last cursor`));
        const from = options.replayFrom ?? Number(after || fills.length);
        const batch = fills.slice(from, options.endAfter === undefined ? undefined : Number(after) + options.endAfter);
        for (const fill of batch) call.write(fill);
        call.end();
      },
    },
  ];
}

describe('FillFollower (scripted StreamFills)', () => {
  let server: ScriptedServer | undefined;
  let follower: FillFollower | undefined;
  const dir = () => mkdtempSync(join(tmpdir(), 'cexgw-cursor-'));

  afterEach(async () => {
    await follower?.stop();
    await server?.stop();
  });

  it('resumes after each end from the committed cursor, in order, each fill once, and drops replays', async () => {
    const requests: string[] = [];
    server = await startScripted([fillServer(journal(7), requests, { endAfter: 3, replayFrom: undefined })]);
    const handled: string[] = [];
    const path = join(dir(), 'cursor.json');
    follower = new FillFollower({ endpoint: server.address, cursor: new FileCursorStore(path), backoff: { initialMs: 5, maxMs: 10 }, onFill: (f) => void handled.push(f.cursor) }).start();
    await until('all seven fills', () => handled.length === 7);
    await follower.stop();
    expect(handled).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(requests.slice(0, 3)).toEqual(['0', '3', '6']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ cursor: '7' });
    await server.stop();

    // A server that replays from the start: the follower drops what it has committed.
    server = await startScripted([fillServer(journal(9), requests, { replayFrom: 0 })]);
    follower = new FillFollower({ endpoint: server.address, cursor: new FileCursorStore(path), onFill: (f) => void handled.push(f.cursor) }).start();
    await until('the two new fills', () => handled.length === 9);
    expect(handled.slice(7)).toEqual(['8', '9']);
    expect(follower.stats.skipped).toBeGreaterThanOrEqual(7);
  });

  it('flags the one fill a crash interrupted, and redelivers a fill whose handler threw', async () => {
    const path = join(dir(), 'cursor.json');
    writeFileSync(path, JSON.stringify({ cursor: '2', inFlight: '3' })); // died while handling fill 3
    server = await startScripted([fillServer(journal(5), [])]);
    const handled: Array<[string, boolean]> = [];
    let thrown = false;
    follower = new FillFollower({
      endpoint: server.address,
      cursor: new FileCursorStore(path),
      backoff: { initialMs: 5, maxMs: 10 },
      onFill: (fill, { redelivered }) => {
        handled.push([fill.cursor, redelivered]);
        if (fill.cursor === '4' && !thrown) {
          thrown = true;
          throw new Error('database busy');
        }
      },
    });
    const interruptions: string[] = [];
    follower.on('interrupted', (reason) => interruptions.push(reason));
    follower.start();
    await until('fill 5', () => handled.some(([c]) => c === '5'));
    expect(handled).toEqual([
      ['3', true],
      ['4', false],
      ['4', true],
      ['5', false],
    ]);
    expect(interruptions).toContain('onFill failed: database busy');
  });

  it('fails for good on a cursor the journal never issued', async () => {
    server = await startScripted([fillServer(journal(2), [])]);
    const store: FillCursorStore = { load: () => '40', commit: () => {} };
    follower = new FillFollower({ endpoint: server.address, cursor: store, onFill: () => {} }).start();
    const error = await follower.done().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfRangeError);
  });
});
