import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SimHandle } from './processes.js';

// A careless venue in front of a simulator, for the log redaction tests: REST is passed through
// to the simulator (signatures stay valid), except that listing open orders answers with an
// error ECHOING the request's KEY/SIGN headers or its signed query string; the private
// websocket echoes the client's own frames back, auth included, as malformed frames and as
// error messages (Gate.io futures), or names the listenKey in a refusal and a close reason
// (MEXC). MEXC listenKeys are handed out in the venue's real, non-hex shape (mapped to the
// simulator's). Every secret the gateway sends is collected in `seen`.

export interface CarelessVenue {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  /** KEY / SIGN headers, signature query parameters, websocket auth KEY / SIGN, listenKeys. */
  readonly seen: Set<string>;
  readonly wsAuthFrames: number;
  close(): Promise<void>;
}

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });

export async function startCarelessVenue(sim: SimHandle, venue: 'gateio_futures' | 'mexc_spot'): Promise<CarelessVenue> {
  const seen = new Set<string>();
  const toVenueKey = new Map<string, string>(); // our listenKey shape -> the simulator's
  let wsAuthFrames = 0;
  const remember = (...values: Array<string | undefined | null>) => values.forEach((v) => v && seen.add(v));
  const mapKeys = (url: string) => url.replace(/listenKey=([^&]+)/, (_m, key: string) => `listenKey=${toVenueKey.get(decodeURIComponent(key)) ?? key}`);

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- a test venue: a failure in it fails the test through the adapter under test
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    const text = await body(request);
    const headers = request.headers;
    remember(headers.key as string, headers.sign as string, headers['x-mexc-apikey'] as string, new URL(url, 'http://x').searchParams.get('signature'));
    response.setHeader('content-type', 'application/json');
    if (request.method === 'GET' && /\/futures\/usdt\/orders\?|\/api\/v3\/openOrders\?/.test(url)) {
      response.statusCode = venue === 'mexc_spot' ? 400 : 401;
      response.end(
        venue === 'mexc_spot'
          ? JSON.stringify({ code: 700002, msg: `Signature for this request is not valid: ${url}` })
          : JSON.stringify({ label: 'INVALID_SIGNATURE', message: `Signature mismatch: KEY ${String(headers.key)} SIGN ${String(headers.sign)}` }),
      );
      return;
    }
    const forwarded = Object.fromEntries(Object.entries(headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
    const answer = await fetch(`${sim.origin}${mapKeys(url)}`, { method: request.method, headers: forwarded, body: text || undefined });
    let reply = await answer.text();
    if (venue === 'mexc_spot' && url.startsWith('/api/v3/userDataStream') && request.method === 'POST' && answer.ok) {
      const simKey = (JSON.parse(reply) as { listenKey: string }).listenKey;
      const ours = `pqia91ma${Buffer.from(simKey, 'hex').toString('base64url').replace(/[-_]/g, 'x')}`;
      toVenueKey.set(ours, simKey);
      remember(ours, simKey);
      reply = JSON.stringify({ listenKey: ours });
    }
    response.statusCode = answer.status;
    response.end(reply);
  });

  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const listenKey = new URL(request.url ?? '/', 'http://x').searchParams.get('listenKey');
    if (venue === 'mexc_spot') {
      socket.send(JSON.stringify({ id: 0, code: 1, msg: `listenKey ${listenKey} does not exist` }));
      setTimeout(() => socket.close(1008, `invalid listenKey=${listenKey}`.slice(0, 120)), 50);
      return;
    }
    socket.on('message', (data) => {
      const text = (data as Buffer).toString();
      const frame = JSON.parse(text) as { channel: string; auth?: { KEY: string; SIGN: string } };
      if (!frame.auth) return; // pings
      wsAuthFrames++;
      remember(frame.auth.KEY, frame.auth.SIGN);
      socket.send(text.slice(0, -1)); // the client's own frame, cut: not JSON
      socket.send(JSON.stringify({ ...frame, channel: undefined, result: null })); // no channel
      socket.send(JSON.stringify({ time: 1, channel: frame.channel, event: 'subscribe', error: { code: 11, message: `auth failed for KEY ${frame.auth.KEY} SIGN ${frame.auth.SIGN}` } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `127.0.0.1:${(server.address() as { port: number }).port}`;
  const swap = (u: string, scheme: string) => u.replace(/^\w+:\/\/[^/]+/, `${scheme}://${origin}`);
  return {
    restBaseUrl: swap(sim.restBaseUrl, 'http'),
    wsUrl: swap(sim.wsUrl, 'ws'),
    seen,
    get wsAuthFrames() {
      return wsAuthFrames;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
