import { connect } from 'node:net';

// Before anything talks to a venue, each endpoint's host and port must take a TCP connection
// within a short deadline. Without a network the suite then says so in one line per venue within
// seconds, instead of waiting out the adapters' retries and default timeouts.

/** Host and port an http(s) or ws(s) URL connects to. */
export function hostPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
  return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : secure ? 443 : 80 };
}

/** Why a system error code means the endpoint cannot be reached, in words. */
function reason(code: string | undefined, message: string): string {
  switch (code) {
    case 'ENOTFOUND':
      return 'the name does not resolve (no DNS for it here)';
    case 'EAI_AGAIN':
      return 'name resolution failed (no DNS server reachable)';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENETUNREACH':
      return 'network unreachable';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return code ? `${code}: ${message}` : message;
  }
}

/** Undefined when `url`'s host takes a TCP connection within `timeoutMs`; otherwise why not. */
export function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  const { host, port } = hostPort(url);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (problem: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem === undefined ? undefined : `${host}:${port}: ${problem}`);
    };
    const timer = setTimeout(() => done(`no connection within ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(reason(error.code, error.message)));
  });
}

/** The first unreachable endpoint of a venue, as one line, or undefined when all answer. */
export async function firstUnreachable(urls: readonly string[], timeoutMs: number): Promise<string | undefined> {
  const byEndpoint = new Map<string, string>();
  for (const url of urls) {
    const key = JSON.stringify(hostPort(url));
    if (!byEndpoint.has(key)) byEndpoint.set(key, url);
  }
  const distinct = [...byEndpoint.values()];
  const problems = await Promise.all(distinct.map(async (url) => ({ url, problem: await probe(url, timeoutMs) })));
  const failed = problems.find((p) => p.problem !== undefined);
  return failed ? `${failed.url} (${failed.problem})` : undefined;
}
