#!/usr/bin/env node
// Writes ./secrets/ for `docker-compose --profile sim up`: the simulated venues' published test
// keys (never real ones), a fresh gateway client token, a self-signed TLS pair for the trading
// services (CN and subjectAltName localhost and 127.0.0.1), and the `ha` profile's database
// password and journal URL. Refuses to overwrite an
// existing folder unless --force; `--dir DIR` writes elsewhere. For live venues, put your own
// files under the same names instead.
//
// Runs on a fresh clone with Node.js alone: no build, no host openssl. The key pair comes from
// node:crypto; node-forge (a root dev dependency) signs the certificate, and on a clone without
// node_modules it is installed on first use into .tools/, at the version package.json names.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

// The simulators' published test keys: MEXC_TEST_API_KEY, GATE_TEST_API_KEY and the
// BINANCE_*_TEST_API_KEYs in libs/venue-sim (copied so that this script needs no build;
// test/deployment.test.ts checks they agree).
export const SIM_TEST_KEYS = {
  mexc_spot: { apiKey: 'mx0vglSIMTESTKEY0001', apiSecret: '5eb1c7e0d1a44c6e9f2b3a4d5c6e7f80' },
  gateio_spot: { apiKey: '5e1ec7ab1e5a1d0c0ffee5151a7e0001', apiSecret: '5ec12e7c0ffee5151a7e5ec12e7c0ffee5151a7e5ec12e7c0ffee5151a7e0001' },
  gateio_futures: { apiKey: '5e1ec7ab1e5a1d0c0ffee5151a7e0001', apiSecret: '5ec12e7c0ffee5151a7e5ec12e7c0ffee5151a7e5ec12e7c0ffee5151a7e0001' },
  binance_spot: { apiKey: 'SimBinanceSpotTestKey0000000000000000000000000000000000000000001', apiSecret: 'SimBinanceSpotTestSecret000000000000000000000000000000000000001' },
  binance_usdm: { apiKey: 'SimBinanceUsdmTestKey0000000000000000000000000000000000000000001', apiSecret: 'SimBinanceUsdmTestSecret000000000000000000000000000000000000001' },
};

function loadForge() {
  try {
    return createRequire(import.meta.url)('node-forge');
  } catch {
    const tools = resolve(REPO, '.tools', 'dev-secrets');
    const version = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')).devDependencies['node-forge'];
    if (!existsSync(resolve(tools, 'node_modules', 'node-forge'))) {
      console.error(`dev-secrets: installing node-forge@${version} into ${tools} (no node_modules here)`);
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      execFileSync(npm, ['install', '--prefix', tools, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node-forge@${version}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    return createRequire(resolve(tools, 'package.json'))('node-forge');
  }
}

/** A self-signed certificate for localhost and 127.0.0.1 (RSA 2048, SHA-256), PEM. */
export function selfSignedPair(forge, days = 365) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // A positive serial of 16 random bytes (RFC 5280: at most 20 octets, no leading 1 bit).
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  const subject = [{ name: 'commonName', value: 'localhost' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: privateKey };
}

function main() {
  const dirFlag = process.argv.indexOf('--dir');
  const dir = dirFlag > 0 ? resolve(process.argv[dirFlag + 1]) : resolve(REPO, 'secrets');
  if (existsSync(dir) && !process.argv.includes('--force')) {
    console.error(`${dir} exists; pass --force to replace it`);
    process.exit(2);
  }
  const forge = loadForge();
  // The folder keeps other host users out; the files are readable by all so that the services'
  // uid 1000 can read them where compose bind-mounts them (/run/secrets/), whoever wrote them.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const write = (name, text) => writeFileSync(resolve(dir, name), text.endsWith('\n') ? text : `${text}\n`, { mode: 0o644 });
  for (const [venue, key] of Object.entries(SIM_TEST_KEYS)) {
    write(`${venue}_api_key`, key.apiKey);
    write(`${venue}_api_secret`, key.apiSecret);
  }
  const token = randomBytes(24).toString('base64url');
  write('client_tokens', token);
  // The `ha` profile's PostgreSQL (docker-compose.yml): its password, and the journal URL the trading services use.
  const dbPassword = randomBytes(18).toString('base64url');
  write('journal_db_password', dbPassword);
  write('journal_url', `postgres://cexgw:${dbPassword}@postgres:5432/cexgw`);
  const { cert, key } = selfSignedPair(forge);
  write('tls.crt', cert);
  write('tls.key', key);
  console.log(`wrote ${dir}: simulator test keys, tls.crt/tls.key (self-signed for localhost), journal_url/journal_db_password (ha profile), client token ${token}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
