#!/usr/bin/env node
// Container health check: asks this process's own gRPC server (grpc.health.v1.Health/Check,
// overall status) and exits 0 only when it answers SERVING, or when it is the healthy standby of
// a trading pair (its "cexgw.standby" status is SERVING). Reads the same environment as the
// service: CEXGW_GRPC_ADDRESS for the port, CEXGW_TLS_CERT_FILE when the service speaks TLS
// (its own certificate is then trusted; the host name is not checked, the call stays on
// loopback). Used by the Dockerfile's HEALTHCHECK and docker-compose.yml.
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { loadPackageDefinition } from '@cexgw/grpc/proto';

const address = process.env.CEXGW_GRPC_ADDRESS ?? '';
const port = address.slice(address.lastIndexOf(':') + 1);
if (!/^\d+$/.test(port)) {
  console.error(`healthcheck: CEXGW_GRPC_ADDRESS ${JSON.stringify(address)} has no port`);
  process.exit(2);
}
const certFile = process.env.CEXGW_TLS_CERT_FILE;
const credentials = certFile
  ? grpc.credentials.createSsl(
      readFileSync(process.env.CEXGW_TLS_CA_FILE || certFile),
      process.env.CEXGW_HEALTHCHECK_CLIENT_KEY_FILE ? readFileSync(process.env.CEXGW_HEALTHCHECK_CLIENT_KEY_FILE) : null,
      process.env.CEXGW_HEALTHCHECK_CLIENT_CERT_FILE ? readFileSync(process.env.CEXGW_HEALTHCHECK_CLIENT_CERT_FILE) : null,
      { checkServerIdentity: () => undefined },
    )
  : grpc.credentials.createInsecure();
const loaded = grpc.loadPackageDefinition(loadPackageDefinition());
const client = new loaded.grpc.health.v1.Health(`127.0.0.1:${port}`, credentials);
const check = (service) => new Promise((resolve) => client.Check({ service }, { deadline: Date.now() + 3_000 }, (error, response) => resolve(error ? { error } : { status: response.status })));
const overall = await check('');
if (overall.error) {
  console.error(`healthcheck: ${overall.error.message}`);
  process.exit(1);
}
// The standby of a trading pair is NOT_SERVING to clients but healthy: it reports "cexgw.standby" SERVING.
const standby = overall.status === 'SERVING' ? undefined : await check('cexgw.standby');
client.close();
console.log(standby?.status === 'SERVING' ? 'STANDBY' : overall.status);
process.exit(overall.status === 'SERVING' || standby?.status === 'SERVING' ? 0 : 1);
