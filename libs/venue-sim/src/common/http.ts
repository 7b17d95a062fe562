import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small node:http helpers shared by the simulated venues. */

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Reads a JSON body (empty = undefined). Returns an error text when it is not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<{ body: unknown } | { error: string }> {
  const text = req.method === 'POST' ? await readBody(req) : '';
  if (text.trim() === '') return { body: undefined };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { error: 'invalid JSON body' };
  }
}

/** The HTML page an nginx edge answers with on 502, as venues' proxies do (not the API's JSON). */
export function badGatewayHtml(status = 502): string {
  return `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n`;
}
