import * as grpc from '@grpc/grpc-js';
import { GatewayError } from '@cexgw/adapters';
import { BoundedStream, quoteForMessage, type FillMessage, type StreamStats } from '@cexgw/grpc';
import { fillMessage } from './encode.js';
import type { FillPipeline, FillSubscriber } from './fill-pipeline.js';
import type { JournaledFill, TradingJournal } from './journal/journal.js';

// One client's StreamFills: replay from the journal after the client's cursor, then live, with
// no gap and no duplicate at the seam.
//
// The subscriber registers for live fills BEFORE it reads the journal, buffering them; it then
// reads the journal page by page until a page comes back short. Any fill is therefore either
// in a page read (committed before that read) or in the buffer (published after registration)
// or both; sending only cursors greater than the last one sent removes the overlap. If the
// buffer overflows during a long replay it is dropped and the journal is read once more (the
// dropped fills are in the journal). Live, a client that falls `capacity` fills behind is ended
// with RESOURCE_EXHAUSTED: nothing is lost, it resumes from its last cursor.

const REPLAY_PAGE = 512;
const MAX_CURSOR_DIGITS = 15; // below 2^53

/** after_cursor: "" = from now on; otherwise the decimal cursor of a fill this gateway sent. */
export function parseCursor(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (!/^\d+$/.test(value) || value.length > MAX_CURSOR_DIGITS) {
    throw new GatewayError('invalid_argument', `after_cursor ${quoteForMessage(value)} is not a cursor of this gateway: use the "cursor" of the last Fill you processed, or "" for new fills only`);
  }
  return Number(value);
}

export interface FillStreamContext {
  readonly journal: TradingJournal;
  readonly pipeline: FillPipeline;
  readonly capacity: number;
  readonly stats: StreamStats;
}

/** Ends one call with a status (the call's 'error' path, as market-data streams do). */
function fail(call: grpc.ServerWritableStream<unknown, unknown>, code: grpc.status, details: string): void {
  call.emit('error', Object.assign(new Error(details), { code, details }));
}

export async function serveFillStream(call: grpc.ServerWritableStream<unknown, FillMessage>, afterCursor: number | undefined, ctx: FillStreamContext): Promise<void> {
  const { journal, pipeline, capacity, stats } = ctx;
  if (afterCursor !== undefined) {
    const last = await journal.lastCursor();
    if (afterCursor > last) {
      fail(
        call,
        grpc.status.OUT_OF_RANGE,
        `after_cursor ${afterCursor} is beyond this journal's last cursor ${last}: it was not issued by this gateway's journal. Resume with "" to receive new fills only`,
      );
      return;
    }
  }

  let lastSent = afterCursor ?? 0;
  let replaying = afterCursor !== undefined;
  let buffer: JournaledFill[] = [];
  let bufferOverflowed = false;
  let ended = false;
  let live: BoundedStream<JournaledFill, FillMessage> | undefined;
  let lastWritten = lastSent;

  const encode = (fill: JournaledFill) => {
    lastWritten = fill.cursor;
    return fillMessage(fill);
  };

  const subscriber: FillSubscriber = {
    deliver(fill) {
      if (ended) return;
      if (replaying) {
        if (buffer.length >= capacity) {
          buffer = [];
          bufferOverflowed = true;
        } else if (!bufferOverflowed) {
          buffer.push(fill);
        }
        return;
      }
      if (fill.cursor <= lastSent) return;
      lastSent = fill.cursor;
      live!.push(fill);
    },
  };

  const unsubscribe = pipeline.subscribe(subscriber);
  stats.subscribers++;
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    live?.close();
    if (live) stats.queues.delete(live);
    stats.subscribers--;
    wakeDrain?.();
  };
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);

  let wakeDrain: (() => void) | undefined;
  const drained = () =>
    new Promise<void>((resolve) => {
      wakeDrain = resolve;
      call.once('drain', resolve);
    });

  try {
    while (replaying && !ended) {
      const page = await journal.fillsAfter(lastSent, REPLAY_PAGE);
      for (const fill of page) {
        if (ended) return;
        lastSent = fill.cursor;
        if (!call.write(encode(fill))) await drained();
      }
      if (page.length < REPLAY_PAGE) {
        if (bufferOverflowed) {
          // Live fills were dropped from the buffer during the replay; they are in the journal.
          bufferOverflowed = false;
          buffer = [];
          continue;
        }
        replaying = false;
      }
    }
  } catch (error) {
    end();
    fail(call, grpc.status.INTERNAL, `reading the fill journal failed: ${(error as Error).message}`);
    return;
  }
  if (ended) return;

  live = new BoundedStream<JournaledFill, FillMessage>(call, capacity, encode, () => {
    stats.slowConsumerEvents++;
    end();
    fail(
      call,
      grpc.status.RESOURCE_EXHAUSTED,
      `client too slow: more than ${capacity} fills waiting. Nothing is lost: reconnect with after_cursor set to the last cursor you processed (last sent: ${lastWritten})`,
    );
  });
  stats.queues.add(live);
  const pending = buffer;
  buffer = [];
  for (const fill of pending) subscriber.deliver(fill, 0);
}
