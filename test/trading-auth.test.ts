import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertSecureListen,
  bearerToken,
  clientTokenInterceptor,
  createGatewayServer,
  InsecureListenError,
  isLoopbackAddress,
  loadCexgw,
  loadPackageDefinition,
  serverCredentials,
  TokenVerifier,
} from '@cexgw/grpc';

// Gateway security: the client-token interceptor (Trading needs a token; health and
// reflection stay open), TLS and mutual TLS, and the refusal to listen beyond loopback
// without TLS (exit code 2).

const TOKEN = 'tok-a1b2c3d4e5f6a7b8c9d0';
const OTHER = 'tok-rotated-client-00000000';
const REPO = fileURLToPath(new URL('../', import.meta.url));

type Unary = (request: object, metadata: grpc.Metadata, callback: (error: grpc.ServiceError | null, value?: unknown) => void) => void;

function call(client: grpc.Client, method: string, metadata = new grpc.Metadata(), request: object = {}): Promise<{ error?: grpc.ServiceError; value?: unknown }> {
  return new Promise((resolve) => {
    (client as unknown as Record<string, Unary>)[method]!.call(client, request, metadata, (error, value) => resolve(error ? { error } : { value }));
  });
}

function bearer(token: string, scheme = 'Bearer'): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `${scheme} ${token}`);
  return metadata;
}

describe('client token interceptor', () => {
  const v1 = loadCexgw();
  const gateway = createGatewayServer({ interceptors: [clientTokenInterceptor({ tokens: [TOKEN, OTHER], onRejected: (e) => rejected.push(e) })] });
  const rejected: Array<{ method: string; reason: string }> = [];
  const seenMetadata: grpc.Metadata[] = [];
  let address: string;

  beforeAll(async () => {
    gateway.server.addService(v1.Trading.service, {
      GetBalances: (c: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        seenMetadata.push(c.metadata);
        callback(null, { balances: [{ asset: 'USDT', free: '1', locked: '0' }] });
      },
      StreamFills: (c: grpc.ServerWritableStream<unknown, unknown>) => {
        c.write({ cursor: '1' });
        c.end();
      },
    });
    gateway.server.addService(v1.Diagnostics.service, { GetMetrics: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { venue: 'v' }) });
    gateway.health.setStatus('', 'SERVING');
    const port = await gateway.listen('127.0.0.1:0');
    address = `127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await gateway.shutdown(100);
  });

  it('refuses a Trading call without a token: UNAUTHENTICATED, saying how to send one', async () => {
    const client = new v1.Trading(address, grpc.credentials.createInsecure());
    const { error } = await call(client, 'GetBalances');
    expect(error?.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(error?.details).toBe('missing client token: send gRPC metadata "authorization: Bearer <token>"');
    expect(error?.metadata.get('cexgw-error-class')).toEqual(['unauthenticated']);
    expect(rejected.at(-1)).toMatchObject({ method: '/cexgw.v1.Trading/GetBalances', reason: 'missing' });
    client.close();
  });

  it('refuses a wrong token, a token of the wrong scheme and a prefix of the right one', async () => {
    const client = new v1.Trading(address, grpc.credentials.createInsecure());
    for (const metadata of [bearer('tok-wrong-wrong-wrong-wrong'), bearer(TOKEN.slice(0, -1)), bearer(`${TOKEN}x`), bearer(TOKEN, 'Basic')]) {
      const { error } = await call(client, 'GetBalances', metadata);
      expect(error?.code).toBe(grpc.status.UNAUTHENTICATED);
    }
    const { error } = await call(client, 'GetBalances', bearer('tok-wrong-wrong-wrong-wrong'));
    expect(error?.details).toBe('client token not accepted');
    expect(error?.details).not.toContain('tok-');
    client.close();
  });

  it('lets a right token through (any configured one), and hides it from the handler', async () => {
    const client = new v1.Trading(address, grpc.credentials.createInsecure());
    for (const token of [TOKEN, OTHER]) {
      const { error, value } = await call(client, 'GetBalances', bearer(token));
      expect(error).toBeUndefined();
      expect(value).toMatchObject({ balances: [{ asset: 'USDT' }] });
    }
    expect(seenMetadata.at(-1)!.get('authorization')).toEqual([]);
    expect((await call(client, 'GetBalances', bearer(TOKEN, 'bearer'))).error).toBeUndefined();
    client.close();
  });

  it('guards streaming calls too', async () => {
    const client = new v1.Trading(address, grpc.credentials.createInsecure());
    const read = (metadata: grpc.Metadata) =>
      new Promise<{ messages: number; code: number }>((resolve) => {
        let messages = 0;
        const stream = client.StreamFills({}, metadata);
        stream.on('data', () => messages++);
        stream.on('error', (error: grpc.ServiceError) => resolve({ messages, code: error.code }));
        stream.on('end', () => resolve({ messages, code: 0 }));
      });
    expect(await read(new grpc.Metadata())).toEqual({ messages: 0, code: grpc.status.UNAUTHENTICATED });
    expect(await read(bearer(TOKEN))).toEqual({ messages: 1, code: 0 });
    client.close();
  });

  it('leaves health, reflection and Diagnostics open', async () => {
    const loaded = grpc.loadPackageDefinition(loadPackageDefinition()) as any;
    const health = new loaded.grpc.health.v1.Health(address, grpc.credentials.createInsecure());
    expect((await call(health, 'Check', new grpc.Metadata(), { service: '' })).value).toEqual({ status: 'SERVING' });
    health.close();
    const diagnostics = new v1.Diagnostics(address, grpc.credentials.createInsecure());
    expect((await call(diagnostics, 'GetMetrics')).error).toBeUndefined();
    diagnostics.close();

    const reflection = await new Promise<string[]>((resolve, reject) => {
      const { ServerReflection } = reflectionClient();
      const client = new ServerReflection(address, grpc.credentials.createInsecure());
      const stream = client.ServerReflectionInfo();
      stream.on('data', (response: any) => {
        resolve(response.list_services_response.service.map((s: { name: string }) => s.name));
        stream.end();
        client.close();
      });
      stream.on('error', reject);
      stream.write({ list_services: '' });
    });
    expect(reflection).toContain('cexgw.v1.Trading');
  });

  it('compares in constant time over fixed-length digests', () => {
    const verifier = new TokenVerifier([TOKEN]);
    expect(verifier.verify(TOKEN)).toBe(true);
    expect(verifier.verify('')).toBe(false);
    expect(verifier.verify(TOKEN + TOKEN)).toBe(false);
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer   ${TOKEN}  `);
    expect(bearerToken(metadata)).toBe(TOKEN);
    metadata.add('authorization', `Bearer ${TOKEN}`);
    expect(bearerToken(metadata)).toBeUndefined(); // two authorization headers: ambiguous, refused
  });
});

function reflectionClient(): any {
  // grpc.reflection.v1alpha from @grpc/reflection's own proto.
  const path = join(REPO, 'node_modules/@grpc/reflection/build/proto/grpc/reflection/v1alpha/reflection.proto');
  const definition = protoLoader.loadSync(path, { keepCase: true });
  return (grpc.loadPackageDefinition(definition) as any).grpc.reflection.v1alpha;
}

describe('listening beyond loopback', () => {
  it('knows which addresses stay on this machine', () => {
    for (const address of ['127.0.0.1:50061', '127.0.0.2:1', 'localhost:50061', '[::1]:50061', 'unix:/tmp/x.sock', 'dns:127.0.0.1:5', '[::ffff:127.0.0.1]:5', '::1']) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of ['0.0.0.0:50061', '[::]:50061', '10.0.0.5:50061', 'trading.internal:50061', '192.168.1.2:1', '[::ffff:10.0.0.1]:5']) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });

  it('refuses a non-loopback address without TLS, allows it with TLS', () => {
    expect(() => assertSecureListen('0.0.0.0:50061', undefined)).toThrow(InsecureListenError);
    expect(() => assertSecureListen('0.0.0.0:50061', undefined)).toThrow(
      'refusing to listen on 0.0.0.0:50061 without TLS: this process holds venue API keys. Set CEXGW_TLS_CERT_FILE and CEXGW_TLS_KEY_FILE',
    );
    expect(() => assertSecureListen('0.0.0.0:50061', { certFile: 'c', keyFile: 'k' })).not.toThrow();
    expect(() => assertSecureListen('127.0.0.1:50061', undefined)).not.toThrow();
  });

  it('the trading process exits with code 2 and says why', async () => {
    const main = join(REPO, 'services/trading/dist/main.js');
    expect(existsSync(main), 'run `npm run build` first').toBe(true);
    const child = spawn(process.execPath, [main], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        CEXGW_VENUE: 'gateio_spot',
        CEXGW_GRPC_ADDRESS: '0.0.0.0:0',
        CEXGW_GATEIO_SPOT_API_KEY: 'key-for-the-refusal-test',
        CEXGW_GATEIO_SPOT_API_SECRET: 'secret-for-the-refusal-test',
        CEXGW_CLIENT_TOKENS: TOKEN,
        CEXGW_JOURNAL_PATH: join(tmpdir(), 'cexgw-never-created', 'j.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(output).toContain('refusing to listen on 0.0.0.0:0 without TLS');
    expect(output).not.toContain('secret-for-the-refusal-test');
    expect(existsSync(join(tmpdir(), 'cexgw-never-created'))).toBe(false);
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('TLS and mutual TLS', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);

  function issue(name: string, cn: string): void {
    execFileSync('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=${cn}`], {
      stdio: 'ignore',
    });
    writeFileSync(file(`${name}.ext`), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    execFileSync(
      'openssl',
      ['x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file(`${name}.pem`), '-days', '1', '-extfile', file(`${name}.ext`)],
      { stdio: 'ignore' },
    );
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cexgw-tls-'));
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=cexgw test CA'],
      { stdio: 'ignore' },
    );
    issue('server', 'localhost');
    issue('client', 'trading-client');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function serve(clientCaFile?: string) {
    const gateway = createGatewayServer();
    gateway.health.setStatus('', 'SERVING');
    const port = await gateway.listen('127.0.0.1:0', serverCredentials({ certFile: file('server.pem'), keyFile: file('server.key'), clientCaFile }));
    return { gateway, address: `127.0.0.1:${port}` };
  }

  function check(address: string, credentials: grpc.ChannelCredentials) {
    const loaded = grpc.loadPackageDefinition(loadPackageDefinition()) as any;
    // The certificate names localhost: check it by name, not by the IP literal.
    const health = new loaded.grpc.health.v1.Health(address, credentials, { 'grpc.ssl_target_name_override': 'localhost' });
    return call(health, 'Check', new grpc.Metadata(), { service: '' }).finally(() => health.close());
  }

  it('serves TLS that a client trusting the CA accepts, and plain text clients cannot use', async () => {
    const { gateway, address } = await serve();
    const ca = readFileSync(file('ca.pem'));
    expect((await check(address, grpc.credentials.createSsl(ca))).value).toEqual({ status: 'SERVING' });
    expect((await check(address, grpc.credentials.createInsecure())).error?.code).toBe(grpc.status.UNAVAILABLE);
    await gateway.shutdown(100);
  });

  it('with a client CA, requires a client certificate signed by it (mutual TLS)', async () => {
    const { gateway, address } = await serve(file('ca.pem'));
    const ca = readFileSync(file('ca.pem'));
    expect((await check(address, grpc.credentials.createSsl(ca))).error?.code).toBe(grpc.status.UNAVAILABLE);
    const withCert = grpc.credentials.createSsl(ca, readFileSync(file('client.key')), readFileSync(file('client.pem')));
    expect((await check(address, withCert)).value).toEqual({ status: 'SERVING' });
    await gateway.shutdown(100);
  });

  it('says which file it cannot read', () => {
    expect(() => serverCredentials({ certFile: file('missing.pem'), keyFile: file('server.key') })).toThrow(`cannot read CEXGW_TLS_CERT_FILE ${file('missing.pem')}: ENOENT`);
  });
});
