import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import * as grpc from '@grpc/grpc-js';

// Transport security of a gateway process. A process that holds venue keys must not be
// reachable in plain text from beyond the machine: it refuses to listen on a non-loopback
// address unless TLS is configured.

export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
  /** When set, clients must present a certificate signed by this CA (mutual TLS). */
  readonly clientCaFile?: string;
}

/**
 * TLS from CEXGW_TLS_CERT_FILE + CEXGW_TLS_KEY_FILE (PEM), and optionally
 * CEXGW_TLS_CLIENT_CA_FILE for mutual TLS. Undefined when none is set; an error when only
 * some are.
 */
export function loadTlsFiles(env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const certFile = env.CEXGW_TLS_CERT_FILE || undefined;
  const keyFile = env.CEXGW_TLS_KEY_FILE || undefined;
  const clientCaFile = env.CEXGW_TLS_CLIENT_CA_FILE || undefined;
  if (!certFile && !keyFile) {
    if (clientCaFile) throw new Error('CEXGW_TLS_CLIENT_CA_FILE needs CEXGW_TLS_CERT_FILE and CEXGW_TLS_KEY_FILE as well');
    return undefined;
  }
  if (!certFile || !keyFile) throw new Error('TLS needs both CEXGW_TLS_CERT_FILE and CEXGW_TLS_KEY_FILE');
  return { certFile, keyFile, clientCaFile };
}

/** Server credentials: TLS (mTLS with a client CA) when configured, plain text otherwise. */
export function serverCredentials(tls: TlsFiles | undefined, readFile: (path: string) => Buffer = (p) => readFileSync(p)): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  const read = (path: string, what: string) => {
    try {
      return readFile(path);
    } catch (error) {
      throw new Error(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
  };
  const cert = read(tls.certFile, 'CEXGW_TLS_CERT_FILE');
  const key = read(tls.keyFile, 'CEXGW_TLS_KEY_FILE');
  const ca = tls.clientCaFile ? read(tls.clientCaFile, 'CEXGW_TLS_CLIENT_CA_FILE') : null;
  return grpc.ServerCredentials.createSsl(ca, [{ cert_chain: cert, private_key: key }], ca !== null);
}

/** The host part of a grpc-js listen address: "127.0.0.1:50061", "[::1]:50061", "localhost:1", "unix:/x". */
export function listenHost(address: string): string {
  const target = address.startsWith('dns:') ? address.slice(4).replace(/^\/\/[^/]*\//, '') : address;
  if (target.startsWith('unix:') || target.startsWith('unix-abstract:')) return target;
  if (target.startsWith('[')) return target.slice(1, target.indexOf(']'));
  const colon = target.lastIndexOf(':');
  // A bare IPv6 address without brackets has several colons and no port we can split off.
  if (colon === -1 || target.indexOf(':') !== colon) return target;
  return target.slice(0, colon);
}

/** Whether a listen address is reachable from this machine only (loopback or a unix socket). */
export function isLoopbackAddress(address: string): boolean {
  const host = listenHost(address).toLowerCase();
  if (host.startsWith('unix:') || host.startsWith('unix-abstract:')) return true;
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false; // 0.0.0.0, ::, a hostname or an interface address: reachable beyond loopback
}

/** Thrown when a private process would listen beyond loopback in plain text. Exit code 2. */
export class InsecureListenError extends Error {
  override readonly name = 'InsecureListenError';
  readonly exitCode = 2;
}

/** Refuses a non-loopback listen address without TLS, with a message saying how to fix it. */
export function assertSecureListen(address: string, tls: TlsFiles | undefined): void {
  if (tls || isLoopbackAddress(address)) return;
  throw new InsecureListenError(
    `refusing to listen on ${address} without TLS: this process holds venue API keys. ` +
      'Set CEXGW_TLS_CERT_FILE and CEXGW_TLS_KEY_FILE (and CEXGW_TLS_CLIENT_CA_FILE for mutual TLS), or listen on 127.0.0.1',
  );
}
