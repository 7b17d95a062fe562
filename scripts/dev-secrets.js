#!/usr/bin/env node
// Writes ./secrets/ for `docker compose --profile sim up`: the simulated venues' published test
// keys (never real ones), a fresh gateway client token, a self-signed TLS pair for the trading
// services (openssl), and the `ha` profile's database password and journal URL. Refuses to overwrite an existing ./secrets/ unless --force.
// For live venues, put your own files under the same names instead.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GATE_TEST_API_KEY, MEXC_TEST_API_KEY } from '@cexgw/venue-sim';

const dir = fileURLToPath(new URL('../secrets/', import.meta.url));
if (existsSync(dir) && !process.argv.includes('--force')) {
  console.error(`${dir} exists; pass --force to replace it`);
  process.exit(2);
}
mkdirSync(dir, { recursive: true, mode: 0o700 });
const write = (name, text) => writeFileSync(`${dir}${name}`, `${text}\n`, { mode: 0o600 });
write('mexc_spot_api_key', MEXC_TEST_API_KEY.apiKey);
write('mexc_spot_api_secret', MEXC_TEST_API_KEY.apiSecret);
for (const venue of ['gateio_spot', 'gateio_futures']) {
  write(`${venue}_api_key`, GATE_TEST_API_KEY.apiKey);
  write(`${venue}_api_secret`, GATE_TEST_API_KEY.apiSecret);
}
const token = randomBytes(24).toString('base64url');
write('client_tokens', token);
// The `ha` profile's PostgreSQL (docker-compose.yml): its password, and the journal URL the trading services use.
const dbPassword = randomBytes(18).toString('base64url');
write('journal_db_password', dbPassword);
write('journal_url', `postgres://cexgw:${dbPassword}@postgres:5432/cexgw`);
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  '-keyout', `${dir}tls.key`, '-out', `${dir}tls.crt`], { stdio: 'ignore' });
console.log(`wrote ${dir}: simulator test keys, tls.crt/tls.key (self-signed for localhost), journal_url/journal_db_password (ha profile), client token ${token}`);
